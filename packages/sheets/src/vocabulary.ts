/**
 * @module Chinese names for the vocabularies, per event type and field: the template's dropdowns show them, and
 * the readers turn them back into codes (codes are accepted too). Closed vocabularies (`t.keyof`) are named in
 * full; the open ones (free slugs: `OPEN_VOCABULARIES`) name their known values — every slug the example schemes
 * and the demo city use — and any other slug is still taken as typed.
 */
export const VOCABULARY_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'UnitRegistered.kind': { district: '县区局', department: '市局科室单位' },
  // Of types the template leaves out (results are the server's, decisions the city's), for every other text.
  'ResultPublished.stage': { preliminary: '初评公示', final: '最终结果' },
  'ResultPublished.seal': { substance: '完整结果及其所依据事件的内容，不含计分说明文字' },
  'AppealDecided.decision': { upheld: '支持', partially_upheld: '部分支持', rejected: '驳回' },
  'CaseOpened.kind': {
    administrative_litigation: '行政诉讼',
    administrative_reconsideration: '行政复议',
    labor_inspection: '劳动保障监察',
    labor_arbitration: '劳动人事争议仲裁',
    work_injury_recognition: '工伤认定',
    procuratorial_supervision: '检察监督',
  },
  'CaseDecided.instance': { first: '一审', second: '二审', retrial: '再审', final: '终局' },
  'CaseDecided.outcome': {
    won: '胜诉',
    lost: '败诉',
    withdrawn: '撤诉',
    mediated: '调解',
    upheld: '维持',
    revoked: '撤销',
    altered: '变更',
    confirmed_illegal: '确认违法',
    ordered_to_perform: '责令履行',
    dismissed: '驳回',
    terminated: '终止',
    recognized: '认定',
    not_recognized: '不予认定',
  },
  'CaseClosed.resolution': {
    mediated: '调解结案',
    awarded: '裁决',
    withdrawn: '撤回',
    penalized: '处罚',
    rectified: '责令整改',
  },
  'TrainingHeld.kind': {
    leadership_study: '领导干部学法',
    enforcement_training: '执法人员培训',
    law_exam: '法律知识考试',
    lecture: '法治讲座',
    court_observation: '旁听庭审',
    daily_study: '日常学法',
  },
  'PublicityHeld.kind': {
    lecture: '普法讲座',
    campaign: '集中宣传',
    case_explanation: '以案释法',
    new_media: '新媒体普法',
    contest: '知识竞赛',
    site_visit: '现场宣传',
  },
  'NotificationReceived.issuer': { province: '省厅', city: '市局' },
  'InspectionConducted.method': { double_random: '双随机一公开', special: '专项检查', complaint: '举报投诉' },
  'RepresentationHandled.kind': { npc_suggestion: '人大建议', cppcc_proposal: '政协提案' },
  'HonorAwarded.level': { national: '国家级', provincial: '省级', city: '市级' },
  // Open vocabularies: the known values (the example schemes' where clauses, the demo city), in the words of the
  // seeds and of the indicators that count them.
  'DocumentIssued.docType': {
    rule_of_law_plan: '法治人社建设实施方案',
    publicity_plan: '七五普法规划',
    theme_year_plan: '政策主题宣传年活动实施方案',
    normative_doc: '规范性文件（经合法性审查）',
    normative_doc_unreviewed: '规范性文件（未经合法性审查）',
    annual_report: '年度法治政府建设报告',
    statistics_report: '法治统计报表',
  },
  'NotificationReceived.reason': {
    policy_publicity_inadequate: '政策法规宣传不到位',
    late_statistics_report: '法治统计报表迟报',
    case_files_substandard: '行政执法案卷不规范',
  },
  'VetoIncidentRecorded.kind': {
    mass_incident_or_petition: '群体性事件或集体上访',
    safety_incident: '安全责任事故',
    corruption_case: '违纪违法案件',
    major_incident: '重大责任事件',
  },
}

/** What a new code of an open vocabulary may hold (the catalog's slug), said once for the template and its reader. */
export const NEW_CODE_RULE = '英文代码（字母、数字、_.:/-，不含空格）'

/** Free slugs with known values: the dropdown offers those, and another slug is still accepted as typed. */
export const OPEN_VOCABULARIES: ReadonlyArray<string> = [
  'DocumentIssued.docType',
  'NotificationReceived.reason',
  'VetoIncidentRecorded.kind',
]

/** A code's Chinese name (`ResultPublished.stage`, `final` → 最终结果), or the code when the vocabulary has none. */
export const codeLabel = (field: string, code: string): string => VOCABULARY_LABELS[field]?.[code] ?? code

/** What a publication's hash covers, in words; one that records no `seal` predates the forms (core `sealFormOf`). */
export const sealScopeLabel = (seal: string | undefined): string =>
  seal === undefined ? '完整结果，含计分说明文字（早期发布）' : codeLabel('ResultPublished.seal', seal)
