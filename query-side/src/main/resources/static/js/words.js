// The interface's words in Chinese (the plan's own language, shown first) and English. The plan's content (titles,
// names, reasons) is shown as recorded, whatever the language.
const WORDS = {
    zh: {
        registry: '规划登记簿', plan: '规划', asOf: '日期', asOfSlider: '日期滑块（停靠点为记录的变更生效日）',
        previousChange: '◀ 上一变更', nextChange: '下一变更 ▶', knownAt: '已知截至', now: '现在',
        knownAtHint: 'ISO 时间，如 2024-07-01T00:00:00Z；留空为现在',
        viewPlan: '规划内容', viewAudit: '审计记录', viewCompare: '比较日期', viewVerify: '校验', report: '评估报告',
        indicators: '主要指标', number: '序号', indicator: '指标', unit: '单位', baseline: '基期值',
        target: '目标值', planned: '计划值', latestFinding: '最新评估', status: '状态', gap: '差距', chart: '图表',
        revised: '已调整', since: '起', reason: '理由', decision: '决定', pending: '待生效', by: '记录人',
        goals: '发展目标', sections: '重点任务', columns: '专栏', safeguards: '保障措施',
        upToDate: '本视图包含截至 {time} 记录的全部变更（全局序号 {sequence}）',
        element: '要素', actor: '操作人', type: '事件类型', recordedFrom: '记录时间起', recordedTo: '记录时间止',
        search: '查询', previousPage: '上一页', nextPage: '下一页', csv: '下载 CSV', sequence: '全局序号',
        recordedAt: '记录时间', effectiveFrom: '生效日期', decisionRef: '决定文号', change: '变更内容',
        noEntries: '没有符合条件的记录', from: '起始日期', to: '截止日期', compare: '比较',
        added: '新增', removed: '删除', changed: '变更', events: '形成该变更的事件', nothingChanged: '两日期之间无变化',
        verifyHint: '重新计算本规划事件的哈希链；保存链头摘要，日后可据以证明记录未被改写。',
        verifyNow: '校验哈希链', intact: '完整：每一环均相符', broken: '已损坏', eventsChecked: '已校验事件数',
        head: '链头', digest: '摘要（请另行保存）', firstBroken: '首个损坏事件', problem: '问题',
        signIn: '登录', user: '用户名', password: '密码', cancel: '取消', signInNeeded: '此项查询需要登录：{detail}',
        signOut: '退出登录', signedInAs: '已登录：{user}',
        signInWhy: '登录后，评估人员和审计人员可看到尚未公布的评估，登录用户可看到记录人的姓名。',
        REGISTRAR: '登记人员', EVALUATOR: '评估人员', OPERATOR: '运维人员', AUDITOR: '审计人员', SYSTEM: '系统',
        plannedPath: '计划路径', findings: '评估结果', revisions: '目标调整', chartHint: '虚线为目标调整，灰线为所选日期',
        accumulatedFromZero: '期初累计为零', intervalFigure: '区间值',
        print: '打印', back: '返回', reportTitle: '规划实施评估报告', reportAsOf: '评估日期',
        reportKnownAt: '依据截至 {time} 已知的记录',
        reportStatement: '本报告反映截至 {time} 记录的全部变更（全局序号 {sequence}）',
        changesSinceAdoption: '规划通过以来的调整',
        noChanges: '规划通过以来无调整', allIndicators: '全部指标',
        ACHIEVED: '已实现', ON_TRACK: '符合进度', AT_RISK: '存在风险', OFF_TRACK: '滞后', NO_DATA: '暂无数据',
        NO_BASELINE: '无可比计划值', NOT_ASSESSABLE: '无法评估',
    },
    en: {
        registry: 'Plan Registry', plan: 'Plan', asOf: 'As of', asOfSlider: 'Date slider (stops at the dates changes take effect)',
        previousChange: '◀ Previous change', nextChange: 'Next change ▶', knownAt: 'As known at', now: 'Now',
        knownAtHint: 'ISO instant such as 2024-07-01T00:00:00Z; empty means now',
        viewPlan: 'The plan', viewAudit: 'Audit trail', viewCompare: 'Compare dates', viewVerify: 'Verification',
        report: 'Evaluation report', indicators: 'Indicators', number: 'No.', indicator: 'Indicator', unit: 'Unit',
        baseline: 'Baseline', target: 'Target', planned: 'Planned', latestFinding: 'Latest finding',
        status: 'Status', gap: 'Gap', chart: 'Chart', revised: 'Revised', since: 'from', reason: 'Reason',
        decision: 'Decision', pending: 'Pending', by: 'by', goals: 'Goals', sections: 'Key tasks',
        columns: 'Special columns', safeguards: 'Safeguards',
        upToDate: 'Up to date with changes recorded until {time} (global sequence {sequence})',
        element: 'Element', actor: 'Actor', type: 'Event type', recordedFrom: 'Recorded from',
        recordedTo: 'Recorded to', search: 'Search', previousPage: 'Previous page', nextPage: 'Next page',
        csv: 'Download CSV', sequence: 'Global sequence', recordedAt: 'Recorded at', effectiveFrom: 'Effective from',
        decisionRef: 'Decision', change: 'Change', noEntries: 'No entries match', from: 'From', to: 'To',
        compare: 'Compare', added: 'Added', removed: 'Removed', changed: 'Changed',
        events: 'Events that made the change', nothingChanged: 'Nothing changed between the two dates',
        verifyHint: "Recomputes the hash chain of the plan's events; keep the head's digest to prove later that the record was not rewritten.",
        verifyNow: 'Verify the hash chain', intact: 'Intact: every link holds', broken: 'Broken',
        eventsChecked: 'Events checked', head: 'Head', digest: 'Digest (keep it elsewhere)',
        firstBroken: 'First broken event', problem: 'Problem', signIn: 'Sign in', user: 'User',
        password: 'Password', cancel: 'Cancel', signInNeeded: 'This question needs a sign-in: {detail}',
        signOut: 'Sign out', signedInAs: 'Signed in: {user}',
        signInWhy: 'Signed in, evaluators and auditors also see evaluations not yet published, and everyone signed in sees who recorded what.',
        REGISTRAR: 'a registrar', EVALUATOR: 'an evaluator', OPERATOR: 'an operator', AUDITOR: 'an auditor',
        SYSTEM: 'the system',
        plannedPath: 'Planned path', findings: 'Findings', revisions: 'Target revisions',
        accumulatedFromZero: 'accumulated from zero', intervalFigure: 'interval figure',
        chartHint: 'Dashed lines: target revisions; grey line: the chosen date', print: 'Print', back: 'Back',
        reportTitle: 'Plan implementation evaluation report', reportAsOf: 'As of',
        reportKnownAt: 'From the record as known at {time}',
        reportStatement: 'This report is up to date with changes recorded until {time} (global sequence {sequence})',
        changesSinceAdoption: 'Changes since adoption',
        noChanges: 'No changes since adoption', allIndicators: 'All indicators',
        ACHIEVED: 'achieved', ON_TRACK: 'on track', AT_RISK: 'at risk', OFF_TRACK: 'off track', NO_DATA: 'no data',
        NO_BASELINE: 'nothing planned to compare with', NOT_ASSESSABLE: 'not assessable',
    },
};

// Where the plan's qualifier stands: 约 and 突破 before the number, 左右 and 以上 after it.
const QUALIFIERS = {
    ABOUT: {zh: ['', '左右'], en: 'about'},
    AT_LEAST: {zh: ['', '以上'], en: 'at least'},
    EXCEEDING: {zh: ['突破', ''], en: 'exceeding'},
    APPROXIMATELY: {zh: ['约', ''], en: 'approximately'},
    EXACT: {zh: ['', ''], en: ''},
};

export let language = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';

export function setLanguage(chosen) {
    language = chosen === 'en' ? 'en' : 'zh';
}

/** The word for {@code key}, with {name} placeholders filled from {@code values}. */
export function word(key, values = {}) {
    const text = WORDS[language][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
}

/** Puts the current language's words into every element marked with data-word (text, label, placeholder). */
export function translatePage() {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-word]').forEach(e => { e.textContent = word(e.dataset.word); });
    document.querySelectorAll('[data-word-label]').forEach(e => e.setAttribute('aria-label', word(e.dataset.wordLabel)));
    document.querySelectorAll('[data-word-placeholder]')
        .forEach(e => e.setAttribute('placeholder', word(e.dataset.wordPlaceholder)));
}

/** Who recorded a version: the person's name for a signed-in reader, their role for the public (docs/security.md). */
export function recorder(version) {
    return version.actor ?? (version.role ? word(version.role) : '—');
}

/** A target as the plan writes it: 6400左右, 突破1000, 约15; in English "about 6400 (6400左右)". */
export function targetText(target) {
    if (!target || target.value == null) return '—';
    const qualifier = QUALIFIERS[target.qualifier] ?? QUALIFIERS.EXACT;
    const chinese = qualifier.zh[0] + target.value + qualifier.zh[1];
    const text = language === 'zh' || !qualifier.en ? chinese : `${qualifier.en} ${target.value} (${chinese})`;
    return target.year ? `${text}（${target.year}）` : text;
}

/** Any recorded value in words: a target, a baseline, a title, or the JSON as a last resort. */
export function valueText(value) {
    if (value == null) return '—';
    if (typeof value !== 'object') return String(value);
    if ('qualifier' in value) return targetText(value);
    if ('year' in value && 'value' in value) return `${value.value ?? '—'}（${value.year}）`;
    if ('title' in value) return value.title;
    return JSON.stringify(value);
}

export function statusText(status) {
    return status ? word(status) : '—';
}
