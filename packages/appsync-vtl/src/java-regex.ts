import { JavaException } from './java-values';

/**
 * Java's regular expressions (String.matches, replaceAll, split, $util.matches) on JavaScript's
 * engine: the syntax both share, plus Java's leading inline flags such as `(?i)`.
 */
export function javaRegExp(pattern: string, extraFlags = ''): RegExp {
  let body = pattern;
  let flags = extraFlags;
  const inline = /^\(\?([imsux]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const flag of inline[1] as string) if ('ims'.includes(flag) && !flags.includes(flag)) flags += flag;
  }
  body = body.replace(/\\p\{(Alpha|Digit|Alnum|Upper|Lower|Punct|Space)\}/g, (_, name: string) => posixClasses[name] as string);
  try {
    return new RegExp(body, `${flags}u`);
  } catch {
    try {
      return new RegExp(body, flags);
    } catch (error) {
      throw new JavaException(`java.util.regex.PatternSyntaxException: ${(error as Error).message}`);
    }
  }
}

const posixClasses: Record<string, string> = {
  Alpha: '[A-Za-z]',
  Digit: '[0-9]',
  Alnum: '[A-Za-z0-9]',
  Upper: '[A-Z]',
  Lower: '[a-z]',
  Punct: '[!-\\/:-@\\[-`{-~]',
  Space: '\\s',
};

/** `String.matches`: the whole string must match. */
export function javaMatches(pattern: string, text: string): boolean {
  const regex = javaRegExp(pattern);
  return new RegExp(`^(?:${regex.source})$`, regex.flags).test(text);
}

/** Java's replacement syntax: `$1` and `${name}` are groups, a backslash quotes the next character. */
function javaReplacement(replacement: string): (match: string, ...rest: unknown[]) => string {
  return (match, ...rest) => {
    const last = rest[rest.length - 1];
    const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
    const groups = rest.slice(0, typeof last === 'object' && last !== null ? -3 : -2) as (string | undefined)[];
    let out = '';
    for (let i = 0; i < replacement.length; i++) {
      const char = replacement.charAt(i);
      if (char === '\\') {
        out += replacement.charAt(++i);
      } else if (char === '$') {
        const name = /^\{(\w+)\}/.exec(replacement.slice(i + 1));
        if (name) {
          out += named[name[1] as string] ?? '';
          i += name[0].length;
          continue;
        }
        const digits = /^\d/.exec(replacement.slice(i + 1));
        if (!digits) throw new JavaException('java.lang.IllegalArgumentException: Illegal group reference');
        const index = Number(digits[0]);
        if (index > groups.length) throw new JavaException(`java.lang.IndexOutOfBoundsException: No group ${index}`);
        out += index === 0 ? match : (groups[index - 1] ?? '');
        i += 1;
      } else {
        out += char;
      }
    }
    return out;
  };
}

export function javaReplaceAll(text: string, pattern: string, replacement: string, firstOnly = false): string {
  const regex = javaRegExp(pattern, firstOnly ? '' : 'g');
  return text.replace(regex, javaReplacement(replacement));
}

/** `String.split(regex[, limit])`: trailing empty strings go (limit 0), captures are not kept. */
export function javaSplit(text: string, pattern: string, limit = 0): string[] {
  const regex = javaRegExp(pattern, 'g');
  const parts: string[] = [];
  let start = 0;
  let matched = false;
  for (const match of text.matchAll(regex)) {
    if (limit > 0 && parts.length === limit - 1) break;
    const index = match.index;
    // Java never splits on an empty match at either end.
    if (match[0] === '' && (index === 0 || index >= text.length)) continue;
    matched = true;
    parts.push(text.slice(start, index));
    start = index + match[0].length;
  }
  if (!matched) return [text];
  parts.push(text.slice(start));
  if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
