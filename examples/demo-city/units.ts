/** @module The demo city (广元, seed 003): its counties and districts, the 经开区 bureau and the city bureau's sections. */

export interface DemoUnit {
  readonly unitId: string
  readonly name: string
  readonly kind: 'district' | 'department'
  /** 0–1: how diligent the unit is; drives counts and timeliness so the ranking is not flat. */
  readonly diligence: number
}

export const DISTRICTS: ReadonlyArray<DemoUnit> = [
  { unitId: 'cangxi', name: '苍溪县', kind: 'district', diligence: 0.8 },
  { unitId: 'jiange', name: '剑阁县', kind: 'district', diligence: 0.95 },
  { unitId: 'qingchuan', name: '青川县', kind: 'district', diligence: 0.85 },
  { unitId: 'lizhou', name: '利州区', kind: 'district', diligence: 0.9 },
  { unitId: 'zhaohua', name: '昭化区', kind: 'district', diligence: 0.7 },
  { unitId: 'chaotian', name: '朝天区', kind: 'district', diligence: 0.75 },
  { unitId: 'wangcang', name: '旺苍县', kind: 'district', diligence: 0.6 },
  { unitId: 'jingkai', name: '广元经济技术开发区人社局', kind: 'district', diligence: 0.5 },
]

export const SECTIONS: ReadonlyArray<DemoUnit> = [
  { unitId: 'zhengce-fagui-ke', name: '政策法规科', kind: 'department', diligence: 0.95 },
  { unitId: 'jiancha-zhidui', name: '劳动保障监察支队', kind: 'department', diligence: 0.85 },
  { unitId: 'zhongcai-yuan', name: '劳动人事争议仲裁院', kind: 'department', diligence: 0.9 },
  { unitId: 'gongshang-ke', name: '工伤保险科', kind: 'department', diligence: 0.8 },
  { unitId: 'bangongshi', name: '办公室', kind: 'department', diligence: 0.7 },
  { unitId: 'renli-ke', name: '人力资源流动管理科', kind: 'department', diligence: 0.6 },
]
