/** @module `kaoping seed`: options, usage and help. */
import { defineCommand } from '../command-spec'

export const SEED = defineCommand({
  name: 'seed',
  summary: '生成示范城市（广元 2017 年度）的事件文件，用于演示和试用',
  options: {
    out: {
      type: 'string',
      value: '文件.ndjson',
      description: '写入的事件文件',
      default: 'data/demo-city.ndjson',
    },
    seed: {
      type: 'string',
      value: '整数',
      description: '随机种子，同一种子总是生成同样的事件（默认 2017）',
      valid: { accepts: (v) => /^-?\d{1,15}$/.test(v), expected: '整数' },
    },
  },
  examples: [
    { command: 'kaoping seed', note: '写入 data/demo-city.ndjson' },
    { command: 'kaoping seed --out 示范.ndjson && kaoping import 示范.ndjson', note: '生成并导入数据库' },
  ],
})
