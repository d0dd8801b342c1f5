/** @module Domain errors as a `_tag`ged union carrying data; each has one Chinese sentence for people. */

export type CaseError =
  | { readonly _tag: 'CaseAlreadyOpened'; readonly caseId: string }
  | { readonly _tag: 'CaseNotOpened'; readonly caseId: string; readonly type: string }
  | {
      readonly _tag: 'CaseOfAnotherUnit'
      readonly caseId: string
      readonly owner: string
      readonly unitId: string
    }
  | { readonly _tag: 'AlreadyDecidedAtInstance'; readonly caseId: string; readonly instance: string }
  | {
      readonly _tag: 'InstanceOutOfOrder'
      readonly caseId: string
      readonly instance: string
      readonly requires: string
    }
  | { readonly _tag: 'CaseAlreadyClosed'; readonly caseId: string; readonly type: string }

export type DomainError = CaseError

const INSTANCE: Readonly<Record<string, string>> = {
  first: '一审',
  second: '二审',
  retrial: '再审',
  final: '终局',
}

/** The message a person reads for each error. */
export const describeError = (e: DomainError): string => {
  switch (e._tag) {
    case 'CaseAlreadyOpened':
      return `案件 ${e.caseId} 已立案，不能重复立案`
    case 'CaseNotOpened':
      return `案件 ${e.caseId} 尚未立案（未找到 CaseOpened），不能记录 ${e.type}`
    case 'CaseOfAnotherUnit':
      return `案件 ${e.caseId} 属于单位 ${e.owner}，不能由 ${e.unitId} 记录`
    case 'AlreadyDecidedAtInstance':
      return `案件 ${e.caseId} 的${INSTANCE[e.instance] ?? e.instance}已有决定，不能重复记录`
    case 'InstanceOutOfOrder':
      return `案件 ${e.caseId} 尚无${INSTANCE[e.requires] ?? e.requires}决定，不能记录${INSTANCE[e.instance] ?? e.instance}决定`
    case 'CaseAlreadyClosed':
      return `案件 ${e.caseId} 已结案，结案后只能记录 RulingPerformed，不能记录 ${e.type}`
  }
}

export type ReplayError =
  | { readonly _tag: 'InvalidAsOf'; readonly message: string }
  | { readonly _tag: 'SchemeNotFound'; readonly schemeId: string }
  | {
      readonly _tag: 'VersionNotFound'
      readonly schemeId: string
      readonly version: number
      readonly known: ReadonlyArray<number>
    }

export const describeReplayError = (e: ReplayError): string => {
  switch (e._tag) {
    case 'InvalidAsOf':
      return `asOf: ${e.message}`
    case 'SchemeNotFound':
      return `未找到考核办法 ${e.schemeId}（该时点尚未发布）`
    case 'VersionNotFound':
      return `考核办法 ${e.schemeId} 没有第 ${e.version} 版（已有：${e.known.join('、') || '无'}）`
  }
}
