/** @module Domain errors as a `_tag`ged union carrying data; each has one Chinese sentence for people. */
import { typeLabel } from './events/catalog'

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

/** The assessment cycle's rules (SPEC §8), decided by `deciders/cycle.ts`. */
export type CycleError =
  | { readonly _tag: 'CycleSchemeNotPublished'; readonly schemeId: string }
  | { readonly _tag: 'UnknownIndicator'; readonly schemeId: string; readonly indicatorId: string }
  | { readonly _tag: 'NoAppealWindow'; readonly schemeId: string }
  | { readonly _tag: 'AppealWindowClosed'; readonly schemeId: string; readonly appealUntil: string }
  | { readonly _tag: 'AppealAfterFinal'; readonly schemeId: string }
  | { readonly _tag: 'AppealAlreadyFiled'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'AppealNotFound'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'AppealAlreadyDecided'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'DecidedAppealWithdrawn'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'PointsWithoutIndicator'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'PointsOnRejectedAppeal'; readonly unitId: string; readonly appealId: string }
  | { readonly _tag: 'PreliminaryWithoutWindow'; readonly schemeId: string }
  | { readonly _tag: 'FinalWithWindow'; readonly schemeId: string }
  | { readonly _tag: 'WindowBeforePublication'; readonly appealUntil: string; readonly publishedOn: string }
  | { readonly _tag: 'FinalWithoutPreliminary'; readonly schemeId: string }
  | { readonly _tag: 'AppealsUndecided'; readonly schemeId: string; readonly appeals: ReadonlyArray<string> }
  | { readonly _tag: 'AlreadyFinal'; readonly schemeId: string }

export type DomainError = CaseError | CycleError

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
      return `案件 ${e.caseId} 尚未立案（未找到立案/收案记录），不能记录${typeLabel(e.type)}`
    case 'CaseOfAnotherUnit':
      return `案件 ${e.caseId} 属于单位 ${e.owner}，不能由 ${e.unitId} 记录`
    case 'AlreadyDecidedAtInstance':
      return `案件 ${e.caseId} 的${INSTANCE[e.instance] ?? e.instance}已有决定，不能重复记录`
    case 'InstanceOutOfOrder':
      return `案件 ${e.caseId} 尚无${INSTANCE[e.requires] ?? e.requires}决定，不能记录${INSTANCE[e.instance] ?? e.instance}决定`
    case 'CaseAlreadyClosed':
      return `案件 ${e.caseId} 已结案，结案后只能记录履行生效裁判，不能记录${typeLabel(e.type)}`
    case 'CycleSchemeNotPublished':
      return `考核办法 ${e.schemeId} 尚未发布`
    case 'UnknownIndicator':
      return `考核办法 ${e.schemeId} 没有指标 ${e.indicatorId}`
    case 'NoAppealWindow':
      return `考核办法 ${e.schemeId} 尚未发布初评结果（初评公示），不能申诉`
    case 'AppealWindowClosed':
      return `考核办法 ${e.schemeId} 的申诉期已于 ${e.appealUntil}（北京时间当日24时）结束，不能再申诉`
    case 'AppealAfterFinal':
      return `考核办法 ${e.schemeId} 已发布最终结果，不能再申诉`
    case 'AppealAlreadyFiled':
      return `单位 ${e.unitId} 已提出编号为 ${e.appealId} 的申诉，不能重复提出`
    case 'AppealNotFound':
      return `单位 ${e.unitId} 没有编号为 ${e.appealId} 的申诉（须先提出申诉）`
    case 'AppealAlreadyDecided':
      return `单位 ${e.unitId} 的申诉 ${e.appealId} 已有复核决定，不能重复决定`
    case 'DecidedAppealWithdrawn':
      return `单位 ${e.unitId} 的申诉 ${e.appealId} 已有复核决定，不能撤回或退回；如需更正，须先由市局撤回该复核决定`
    case 'PointsWithoutIndicator':
      return `申诉 ${e.appealId} 针对整体结果而非某一指标，复核决定不能调整分值`
    case 'PointsOnRejectedAppeal':
      return `申诉 ${e.appealId} 被驳回，复核决定不能调整分值`
    case 'PreliminaryWithoutWindow':
      return `初评公示须给出申诉截止日期`
    case 'FinalWithWindow':
      return `最终结果不再受理申诉，不能给出申诉截止日期`
    case 'WindowBeforePublication':
      return `申诉截止日期 ${e.appealUntil} 早于公示日期 ${e.publishedOn}`
    case 'FinalWithoutPreliminary':
      return `考核办法 ${e.schemeId} 尚未发布初评结果，不能发布最终结果`
    case 'AppealsUndecided':
      return `考核办法 ${e.schemeId} 还有 ${e.appeals.length} 件申诉未作复核决定（${e.appeals.join('、')}），不能发布最终结果`
    case 'AlreadyFinal':
      return `考核办法 ${e.schemeId} 已发布最终结果，不能再发布`
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
