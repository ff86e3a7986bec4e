import { JavaException } from '../java-values';

/** Java's URLEncoder: letters, digits and `.-*_` stay, a space is `+`, the rest UTF-8 percent-encoded. */
export function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function urlDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new JavaException(`java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern`);
  }
}

/** Commons Lang's escapeEcmaScript, which `$util.escapeJavaScript` is. */
export function escapeJavaScript(text: string): string {
  const named: Record<string, string> = { "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r' };
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (named[char]) out += named[char];
    else if (code < 32 || code > 0x7e) {
      for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}
