/**
 * @module A command described as data: its purpose, options and examples in one object, so that `--help`, the
 * usage line and every usage error are written from the same definitions and cannot drift apart.
 */

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  /** What to type, shown in the usage line and help (`文件.ndjson`, `recorded|occurred`). */
  readonly value?: string
  readonly description: string
  readonly default?: string
  readonly required?: boolean
  /** The only values accepted; anything else is a usage error listing them. */
  readonly choices?: ReadonlyArray<string>
  /** What the value must be, and how to name it in the error (`正整数`). */
  readonly valid?: { readonly accepts: (value: string) => boolean; readonly expected: string }
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

export interface PositionalSpec {
  readonly value: string
  readonly description: string
}

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  readonly name: string
  /** One line: what a clerk uses the command for. */
  readonly summary: string
  /** A command that takes exactly one positional argument (the file to import or publish). */
  readonly positional?: PositionalSpec
  readonly options: O
  readonly examples: ReadonlyArray<{ readonly command: string; readonly note: string }>
  /** Further paragraphs of help, one per line. */
  readonly notes?: ReadonlyArray<string>
}

/** The parsed values: a string (always, when it has a default), or a boolean flag. */
export type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]: O[K] extends { readonly type: 'boolean' }
    ? boolean | undefined
    : O[K] extends { readonly default: string }
      ? string
      : O[K] extends { readonly required: true }
        ? string
        : string | undefined
}

/** Keeps the literal option names and kinds, so each command reads its values with their exact types. */
export const defineCommand = <const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> => spec

/** The help option every command understands; handled before the command runs. */
export const HELP_OPTION: OptionSpec = { type: 'boolean', description: '显示本说明' }

/** Chinese list with 或 before the last item: `table、json 或 csv`. */
export const orList = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')} 或 ${items.at(-1)}`
