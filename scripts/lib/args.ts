/**
 * @module Argument parsing shared by the commands. Our own small tokenizer instead of `node:util` parseArgs, whose
 * errors are English and stop at the first problem: here every problem is listed, in Chinese, with a
 * "您是不是想输入 …" for a mistyped option, followed by the command's usage line.
 */

import { UsageError } from './cli-error'
import { type CommandSpec, type OptionSpecs, type OptionValues, orList } from './command-spec'
import { usageLine } from './help'
import { suggest } from './suggest'

interface Parsed {
  readonly values: Record<string, string | boolean | undefined>
  readonly positionals: ReadonlyArray<string>
  readonly problems: ReadonlyArray<string>
  /** Options already spoken of (typed without a value, or suggested for a typo): not reported missing too. */
  readonly mentioned: ReadonlySet<string>
}

/** `-x` and `--xyz` are options; `-` alone and negative numbers (`-3`) are values. */
const isOptionLike = (arg: string) => /^--?[^-\d]/.test(arg)

const tokenize = (
  argv: ReadonlyArray<string>,
  options: OptionSpecs,
  command: string,
  acceptsPositionals: boolean
): Parsed => {
  const values: Record<string, string | boolean | undefined> = {}
  const positionals: string[] = []
  const problems: string[] = []
  const mentioned = new Set<string>()
  const names = Object.keys(options).map((n) => `--${n}`)
  const args = [...argv]
  while (args.length > 0) {
    const arg = args.shift()!
    if (arg === '--') {
      positionals.push(...args.splice(0))
      break
    }
    if (!isOptionLike(arg)) {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    const inline = eq === -1 ? undefined : arg.slice(eq + 1)
    // Own keys only: `--constructor` is not an option because every object has one.
    const spec =
      flag.startsWith('--') && Object.hasOwn(options, flag.slice(2)) ? options[flag.slice(2)] : undefined
    if (!spec) {
      const near = suggest(flag.replace(/^-+/, '--'), names)
      if (near) mentioned.add(near.slice(2))
      problems.push(
        near
          ? `未知选项 ${flag}。您是不是想输入 ${near}？`
          : `未知选项 ${flag}。${command} 的选项有：${names.join('、') || '（无）'}`
      )
      // Its value, if it had one, belongs to it: not reported again as a stray argument.
      if (inline === undefined && args[0] !== undefined && !isOptionLike(args[0])) args.shift()
      continue
    }
    const name = flag.slice(2)
    mentioned.add(name)
    if (spec.type === 'boolean') {
      if (inline !== undefined) problems.push(`${flag} 不需要取值`)
      values[name] = true
      continue
    }
    const value = inline ?? (args[0] !== undefined && !isOptionLike(args[0]) ? args.shift() : undefined)
    if (value === undefined || value === '')
      problems.push(`${flag} 缺少取值${spec.value ? `（${spec.value}）` : ''}`)
    else values[name] = value
  }
  if (!acceptsPositionals)
    for (const p of positionals) {
      const near = suggest(`--${p.replace(/^-+/, '')}`, names)
      problems.push(
        near && !/[./\\]/.test(p)
          ? `多余的参数 ${p}。您是不是想输入 ${near}？`
          : `多余的参数 ${p}：${command} 的取值都要跟在选项后面（如 ${names[0] ?? '--help'} …）`
      )
    }
  return { values, positionals, problems, mentioned }
}

/** Required, allowed and well-formed values, then the defaults. */
const check = (
  { values, mentioned }: Pick<Parsed, 'values' | 'mentioned'>,
  options: OptionSpecs
): string[] => {
  const problems: string[] = []
  for (const [name, spec] of Object.entries(options)) {
    const v = values[name]
    if (v === undefined) {
      if (spec.required && !mentioned.has(name))
        problems.push(`缺少 --${name}${spec.value ? ` ${spec.value}` : ''}`)
      else if (spec.default !== undefined) values[name] = spec.default
      continue
    }
    if (typeof v !== 'string') continue
    if (spec.choices && !spec.choices.includes(v))
      problems.push(`--${name} 应为 ${orList(spec.choices)}，实际为 ${v}`)
    else if (spec.valid && !spec.valid.accepts(v))
      problems.push(`--${name} 应为${spec.valid.expected}，实际为 ${v}`)
  }
  return problems
}

/** Parses a command's arguments by its spec; any problem is a UsageError listing them all, then the usage line. */
export const parseCommand = <O extends OptionSpecs>(
  spec: CommandSpec<O>,
  argv: ReadonlyArray<string>
): { readonly values: OptionValues<O>; readonly positionals: ReadonlyArray<string> } => {
  const parsed = tokenize(argv, spec.options, spec.name, spec.positional !== undefined)
  const problems = [...parsed.problems, ...check(parsed, spec.options)]
  if (spec.positional) {
    if (parsed.positionals.length === 0)
      problems.push(`缺少${spec.positional.description}（${spec.positional.value}）`)
    for (const extra of parsed.positionals.slice(1))
      problems.push(`多余的参数 ${extra}：一次只能指定一个${spec.positional.description}`)
  }
  if (problems.length > 0) throw usageError(spec, problems)
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals }
}

export const usageError = (spec: CommandSpec, problems: ReadonlyArray<string>): UsageError =>
  new UsageError([...problems, usageLine(spec), `详细说明：kaoping ${spec.name} --help`])

/**
 * For commands whose options are still written as `node:util` parseArgs options (import, serve): the same
 * Chinese parsing, with their own usage text.
 */
export const parse = <O extends Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>>(
  argv: ReadonlyArray<string>,
  options: O,
  usage: string,
  positionals = false
): {
  readonly values: OptionValues<{ [K in keyof O]: O[K] & { description: string } }>
  positionals: string[]
} => {
  const specs = Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { ...o, description: '' }]))
  const command = /kaoping (\S+)/.exec(usage)?.[1] ?? 'kaoping'
  const parsed = tokenize(argv, specs, command, positionals)
  const problems = [...parsed.problems, ...check(parsed, specs)]
  if (problems.length > 0) throw new UsageError([...problems, usage])
  return {
    values: parsed.values as OptionValues<{ [K in keyof O]: O[K] & { description: string } }>,
    positionals: [...parsed.positionals],
  }
}
