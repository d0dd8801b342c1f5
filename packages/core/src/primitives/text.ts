/**
 * @module Text a person will read back (names, topics, reasons, file names): no control characters but the ones
 * text pasted from an office document carries (tab, line breaks, Word's manual line break U+000B, form feed), so
 * no NUL, no ESC and no C1 control (a terminal shown `kaoping` output would obey them); no unpaired UTF-16 surrogates (they cannot
 * be stored as UTF-8: the file would hold U+FFFD, not what was acknowledged); and no bidirectional overrides or
 * isolates (U+202A–U+202E, U+2066–U+2069), which make a page or a printed 通报 show other text than is stored
 * (`报告‮fdp.exe` reads as `报告exe.pdf`). Checked where new text comes in, never on events already stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const UNSAFE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u

/** The first character of `s` a person must not be shown, as `U+XXXX`; undefined when there is none. */
export const unsafeCharacter = (s: string): string | undefined => {
  const m = UNSAFE.exec(s)
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined
}

export const isDisplaySafe = (s: string): boolean => unsafeCharacter(s) === undefined
