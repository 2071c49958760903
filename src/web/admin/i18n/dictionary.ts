import type { AuditAction, AuditTarget } from '../../../records/audit-entry.js';
import type { AnalyticsTable } from '../../../analytics/analytics-report.js';
import type { ConfigKind } from '../../../config/config-version.js';
import type { Nature } from '../../../domain/taxonomy.js';
import type { Severity } from '../../../domain/ticket.js';

/** Every word the staff pages show; one dictionary per language, the same keys in each. */
export interface Dictionary {
  title: string;
  login: {
    heading: string;
    username: string;
    password: string;
    submit: string;
    failed: string;
    notAdmin: string;
  };
  logout: string;
  /** The console's navigation: one label per page of `ui/pages.ts`. */
  nav: {
    label: string;
    home: string;
    people: string;
    config: string;
    audit: string;
    system: string;
    notFound: string;
  };
  language: string;
  people: {
    agents: string;
    groups: string;
    username: string;
    displayName: string;
    password: string;
    role: string;
    roles: { agent: string; admin: string };
    groupList: string;
    groupListHint: string;
    capacity: string;
    capacityHint: string;
    noLimit: string;
    status: string;
    enabled: string;
    disabled: string;
    create: string;
    created: string;
    edit: string;
    save: string;
    saved: string;
    cancel: string;
    disable: string;
    enable: string;
    resetPassword: string;
    newPassword: string;
    passwordReset: string;
    passwordRule: string;
    members: string;
    groupName: string;
    createGroup: string;
    deleteGroup: string;
    confirmDisable: string;
    renameGroup: string;
    /** The server's refusals by `reason`, in words (else its message is shown). */
    refusals: { last_admin: string; own_account: string; taken: string };
    actions: string;
  };
  audit: {
    /** Every action code the server writes, in words. */
    actions: Record<AuditAction, string>;
    /** What a target is (`agent`, `config`…), in words. */
    targets: Record<AuditTarget, string>;
    /** Between a target and its id (`账号：alice`). */
    targetSeparator: string;
    actor: string;
    action: string;
    target: string;
    from: string;
    to: string;
    apply: string;
    at: string;
    detail: string;
    more: string;
    none: string;
  };
  system: {
    channels: string;
    dependencies: string;
    instances: string;
    queue: string;
    ok: string;
    failing: string;
    queued: string;
    longestWait: string;
    id: string;
    version: string;
    startedAt: string;
    seenAt: string;
    mode: string;
    refresh: string;
    /** Readiness checks other than channels, by name. */
    dependencyNames: Record<string, string>;
  };
  setup: {
    heading: string;
    intro: string;
    submit: string;
    checking: string;
  };
  filters: {
    from: string;
    to: string;
    channel: string;
    category: string;
    all: string;
    apply: string;
  };
  loading: string;
  error: string;
  csv: string;
  empty: string;
  kpi: {
    tickets: string;
    deflection: string;
    handoffRate: string;
    waitMedian: string;
    firstResponse: string;
    resolution: string;
    timeToClose: string;
    csat: string;
  };
  sections: Record<AnalyticsTable, string>;
  /** Shown after the volume heading when a long range is counted per week. */
  volumeWeekly: string;
  volumeBy: { label: string; channel: string; category: string; nature: string; severity: string };
  shift: { calmed: string; steady: string; worsened: string };
  deflection: {
    faqAnswered: string;
    selfService: string;
    ticketsFiled: string;
    handedOff: string;
    rate: string;
  };
  queue: {
    handoffs: string;
    claimed: string;
    waitMedian: string;
    waitP90: string;
    firstResponseWithinSla: string;
    closed: string;
    resolutionWithinSla: string;
  };
  timeToClose: { closed: string; median: string; p90: string };
  columns: {
    name: string;
    count: string;
    rate: string;
    rule: string;
    question: string;
    variants: string;
    rating: string;
  };
  weekdays: [string, string, string, string, string, string, string];
  hour: string;
  nature: Record<Nature, string>;
  severity: Record<Severity, string>;
  /** Handoff rules by id; `risk_flag:<flag>` is shown as riskFlag + the flag's words. */
  rules: Record<string, string>;
  riskFlag: string;
  channels: Record<string, string>;
  units: { seconds: string; minutes: string; hours: string; days: string };
  /** The configuration editor (`ui/config/`). */
  configEditor: {
    locale: string;
    kinds: string;
    kind: Record<ConfigKind, string>;
    liveIs: (version: number, by: string, at: string) => string;
    noLive: string;
    editorLabel: (kind: string) => string;
    /** `where` is `file:line` inside the bundle's file, or ''. */
    problemAt: (line: number, where: string) => string;
    saveDraft: string;
    publish: string;
    restore: string;
    savedAs: (version: number) => string;
    published: (version: number) => string;
    diffHeading: string;
    noChange: string;
    versions: string;
    status: string;
    statusName: { draft: string; live: string; retired: string };
    author: string;
    time: string;
    faqHeading: string;
    faqEntry: string;
    faqNew: string;
    faqId: string;
    faqQuestions: string;
    faqAnswer: string;
    faqApply: string;
    /** The script-line form (scripts kind). */
    scriptHeading: string;
    scriptLang: string;
    langName: { zh: string; en: string };
    scriptKey: string;
    scriptWordings: string;
    scriptWordingsHint: string;
    /** The threshold form (rules and business hours kinds). */
    thresholdHeading: string;
    thresholdHint: string;
    threshold: {
      angerThreshold: string;
      faqFailures: string;
      stalledTurns: string;
      highAmount: string;
      hours: string;
      timeZone: string;
    };
    slaFor: (severity: string) => string;
    fieldErrors: {
      required: string;
      range: (min: number, max: number) => string;
      integer: string;
      positive: string;
      hours: string;
      timeZone: string;
      yaml: string;
    };
    testsHeading: string;
    runTests: string;
    testsPassed: (count: number) => string;
    testsFailed: string;
    turn: (turn: number) => string;
    refused: string;
    override: string;
    tryHeading: string;
    trySay: string;
    trySend: string;
    tryRestart: string;
    testTicket: (id: string) => string;
  };
}
