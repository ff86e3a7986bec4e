/**
 * Rewrites the pieces of Velocity 1.7 syntax that velocityjs's grammar lacks, before it
 * parses a template, without moving any line:
 *
 * - a quote doubled inside a string literal is one quote (`'The teacher''s name'`); it becomes a
 *   private-use character that {@link restoreQuotes} turns back after parsing;
 * - velocityjs's lexer refuses a list literal that starts with `true`, `false` or `null`; such a
 *   keyword becomes a reference to a variable holding its value ({@link keywordValues});
 * - inside directive and method arguments velocityjs's lexer takes a name that is one of
 *   Velocity's operator words (`eq`, `lt`, `and`, `in`, `not`, `null`...) for the operator, so
 *   `#if($util.isNull($ctx.args.score.eq))` (the transformer's sort-key conditions) does not parse;
 *   such a name after `$` or `.` gets a prefix ({@link restoreName} removes it after parsing);
 * - AppSync's bare `#return` and Velocity's bare `#stop`, which velocityjs prints as text, become
 *   `#return()` / `#stop()` (a macro call the renderer handles).
 */

const placeholders: Record<string, string> = { "'": '\uE000', '"': '\uE001' };

export function restoreQuotes(text: string): string {
  return text.replace(/\uE000/g, "'").replace(/\uE001/g, '"');
}

/** Velocity's operator words and literals, which velocityjs's lexer matches before a name in code. */
const reservedName = /(\$!?\{?|\.(?=[A-Za-z_]))(in|eq|ne|lt|le|gt|ge|and|or|not|null|true|false)(?![A-Za-z0-9_])/y;
const namePrefix = 'vtl__name__';
const prefixedName = new RegExp(namePrefix, 'g');

/** A reference's or attribute's name as the template wrote it. */
export function restoreName(name: string): string {
  return name.startsWith(namePrefix) ? name.slice(namePrefix.length) : name;
}

/** Text of the rewritten source (a parse error, a reference printed as written) as the template wrote it. */
export function restoreSource(text: string): string {
  return restoreQuotes(text.replace(prefixedName, ''));
}

const keywordVariables: Record<string, string> = { true: 'vtl__true', false: 'vtl__false', null: 'vtl__null' };

export const keywordValues: Record<string, unknown> = { vtl__true: true, vtl__false: false, vtl__null: null };

const identifierStart = /[A-Za-z_]/;
const identifierPart = /[A-Za-z0-9_-]/;
const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function rewriteSource(source: string): string {
  let out = '';
  let at = 0;

  const readIdentifier = (): string => {
    const start = at;
    if (!identifierStart.test(source.charAt(at))) return '';
    while (at < source.length && identifierPart.test(source.charAt(at))) at++;
    return source.slice(start, at);
  };

  // Copies a bracketed stretch of code (directive arguments, method arguments, an index),
  // rewriting doubled quotes inside its string literals.
  const copyCode = () => {
    const stack: string[] = [closers[source.charAt(at)] as string];
    out += source.charAt(at++);
    while (at < source.length && stack.length > 0) {
      const char = source.charAt(at);
      if (char === "'" || char === '"') {
        out += char;
        at++;
        while (at < source.length) {
          const inner = source.charAt(at);
          if (inner === char && source.charAt(at + 1) === char) {
            out += placeholders[char];
            at += 2;
          } else if (inner === char) {
            out += char;
            at++;
            break;
          } else {
            out += inner;
            at++;
          }
        }
        continue;
      }
      reservedName.lastIndex = at;
      const reserved = char === '$' || char === '.' ? reservedName.exec(source) : null;
      if (reserved) {
        const [matched, lead = '', name = ''] = reserved;
        out += `${lead}${namePrefix}${name}`;
        at += matched.length;
        if (lead.endsWith('{')) stack.push('}');
        continue;
      }
      const keyword = char === '[' ? /^\[(\s*)(true|false|null)\b/.exec(source.slice(at)) : null;
      if (keyword) {
        out += `[${keyword[1] ?? ''}$${keywordVariables[keyword[2] as string]}`;
        at += keyword[0].length;
        stack.push(']');
        continue;
      }
      if (char in closers) stack.push(closers[char] as string);
      else if (char === stack[stack.length - 1]) stack.pop();
      out += char;
      at++;
    }
  };

  const copyUntil = (terminator: string) => {
    const end = source.indexOf(terminator, at);
    const stop = end < 0 ? source.length : end + terminator.length;
    out += source.slice(at, stop);
    at = stop;
  };

  while (at < source.length) {
    const char = source.charAt(at);
    if (char === '\\') {
      out += source.slice(at, at + 2);
      at += 2;
    } else if (source.startsWith('##', at)) {
      copyUntil('\n');
    } else if (source.startsWith('#*', at)) {
      copyUntil('*#');
    } else if (source.startsWith('#[[', at)) {
      copyUntil(']]#');
    } else if (char === '#') {
      out += char;
      at++;
      const braced = source.charAt(at) === '{';
      if (braced) out += source.charAt(at++);
      const name = readIdentifier();
      out += name;
      if (braced && source.charAt(at) === '}') out += source.charAt(at++);
      if (!name) continue;
      const spaces = /^[ \t]*/.exec(source.slice(at))?.[0] ?? '';
      if (source.charAt(at + spaces.length) === '(') {
        out += spaces;
        at += spaces.length;
        copyCode();
      } else if (name === 'return' || name === 'stop') {
        out += '()';
      }
    } else if (char === '$') {
      out += char;
      at++;
      if (source.charAt(at) === '!') out += source.charAt(at++);
      const braced = source.charAt(at) === '{';
      if (braced) out += source.charAt(at++);
      if (!readIdentifierInto()) continue;
      for (;;) {
        const next = source.charAt(at);
        if (next === '.' && identifierStart.test(source.charAt(at + 1))) {
          out += next;
          at++;
          readIdentifierInto();
          if (source.charAt(at) === '(') copyCode();
        } else if (next === '[') {
          copyCode();
        } else {
          break;
        }
      }
      if (braced && source.charAt(at) === '}') out += source.charAt(at++);
    } else {
      out += char;
      at++;
    }
  }
  return out;

  function readIdentifierInto(): boolean {
    const name = readIdentifier();
    out += name;
    return name !== '';
  }
}
