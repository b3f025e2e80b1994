/** Text as every output takes it in. */

/** Control characters other than newline would confuse layout: tabs become spaces, the rest go. */
export function cleanText(text: string): string {
  return text.replace(/\t/g, '    ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
