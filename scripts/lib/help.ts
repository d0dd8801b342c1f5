/** @module Help texts, written from the command specs: the overview, one command's help, its usage line. */
import { type CommandSpec, HELP_OPTION, type OptionSpec } from './command-spec'

/** Columns a terminal gives a text: CJK characters and full-width punctuation take two. */
const width = (text: string): number =>
  [...text].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch
      )
        ? 2
        : 1),
    0
  )

const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(1, columns - width(text)))

const optionText = (name: string, o: OptionSpec) =>
  `--${name}${o.type === 'string' ? ` ${o.value ?? '值'}` : ''}`

export const usageLine = (spec: CommandSpec): string => {
  const parts = Object.entries(spec.options).map(([name, o]) =>
    o.required ? optionText(name, o) : `[${optionText(name, o)}]`
  )
  return ['用法：kaoping', spec.name, ...(spec.positional ? [spec.positional.value] : []), ...parts].join(' ')
}

/** Rows of two columns, the second starting where the widest first one ends. */
const columns = (rows: ReadonlyArray<readonly [string, string]>): string[] => {
  const first = Math.max(...rows.map(([a]) => width(a))) + 2
  return rows.map(([a, b]) => `  ${pad(a, first)}${b}`)
}

export const commandHelp = (spec: CommandSpec): string => {
  const optionRows = [
    ...(spec.positional ? [[spec.positional.value, `${spec.positional.description}（必填）`] as const] : []),
    ...Object.entries(spec.options).map(
      ([name, o]) =>
        [
          optionText(name, o),
          `${o.description}${o.required ? '（必填）' : ''}${o.default !== undefined ? `（默认 ${o.default}）` : ''}`,
        ] as const
    ),
    ['--help, -h', HELP_OPTION.description] as const,
  ]
  return [
    `kaoping ${spec.name} — ${spec.summary}`,
    '',
    usageLine(spec),
    '',
    '选项：',
    ...columns(optionRows),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
    '示例：',
    ...spec.examples.flatMap((e) => [`  ${e.command}`, `      ${e.note}`]),
    '',
  ].join('\n')
}

export const overviewHelp = (specs: ReadonlyArray<CommandSpec>, version: string): string =>
  [
    `kaoping 考评 ${version} — 法治人社建设目标考核：由不可更改的事件记录计算各单位的得分、等次与排名`,
    '',
    '用法：kaoping <命令> [选项]',
    '',
    '命令：',
    ...columns(specs.map((s) => [s.name, s.summary] as const)),
    '',
    '每个命令的说明：kaoping <命令> --help（或 kaoping help <命令>）',
    '版本：kaoping --version',
    '数据库默认为 data/kaoping.db，可用 --db 指定；日期按北京时间理解。',
    '',
  ].join('\n')
