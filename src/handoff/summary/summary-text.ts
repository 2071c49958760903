import type { Category, Emotion, Language, RiskFlag, SlotName } from '../../domain/taxonomy.js';

/** Words the summary, its next steps and its rendering use, in both languages. */
type Words = {
  category: Record<Category, string>;
  flag: Record<RiskFlag, string>;
  slot: Record<SlotName, string>;
  emotion: Record<Emotion, string>;
  trend: Record<'rising' | 'steady' | 'falling', string>;
};

export const WORDS: Readonly<Record<Language, Words>> = {
  zh: {
    category: {
      billing: '收费/扣费',
      unauthorized_service: '无故开通业务',
      product_quality: '产品/设备质量',
      service_attitude: '服务态度',
      service_quality: '服务质量/维修',
      delivery: '配送',
      network: '网络/信号',
      refund_claim: '退款/理赔',
      privacy_security: '隐私/安全',
      emergency: '突发事件',
      other: '其他',
    },
    flag: {
      regulator_threat: '扬言向监管投诉',
      media_threat: '扬言媒体曝光',
      legal_threat: '扬言起诉',
      compensation_demand: '要求赔偿',
      repeat_complaint: '重复投诉',
      safety: '人身/财产安全',
      abusive_language: '辱骂',
      suspected_fraud: '疑似恶意投诉',
    },
    slot: {
      event: '事件',
      product: '产品/业务',
      account: '账号/单号',
      time: '时间',
      place: '地点',
      people: '涉及人员',
      amount: '金额',
      demand: '诉求',
      contact_name: '称呼',
      contact_phone: '联系电话',
      contact_time: '方便联系时间',
    },
    emotion: { neutral: '平静', positive: '积极', anxious: '焦虑', sad: '失望', angry: '愤怒' },
    trend: { rising: '上升', steady: '平稳', falling: '缓和' },
  },
  en: {
    category: {
      billing: 'billing',
      unauthorized_service: 'unauthorised service',
      product_quality: 'product quality',
      service_attitude: 'service attitude',
      service_quality: 'service quality / repair',
      delivery: 'delivery',
      network: 'network / signal',
      refund_claim: 'refund / claim',
      privacy_security: 'privacy / security',
      emergency: 'emergency',
      other: 'other',
    },
    flag: {
      regulator_threat: 'threatens to go to the regulator',
      media_threat: 'threatens media exposure',
      legal_threat: 'threatens legal action',
      compensation_demand: 'demands compensation',
      repeat_complaint: 'repeat complaint',
      safety: 'safety risk',
      abusive_language: 'abusive language',
      suspected_fraud: 'suspected fraud',
    },
    slot: {
      event: 'what happened',
      product: 'product / service',
      account: 'account / order',
      time: 'time',
      place: 'place',
      people: 'people involved',
      amount: 'amount',
      demand: 'demand',
      contact_name: 'name',
      contact_phone: 'phone',
      contact_time: 'best time to call',
    },
    emotion: {
      neutral: 'calm',
      positive: 'positive',
      anxious: 'anxious',
      sad: 'disappointed',
      angry: 'angry',
    },
    trend: { rising: 'rising', steady: 'steady', falling: 'easing' },
  },
};

/** Next-step advice following the seeds' method: report sensitive cases at once, ask only what is missing. */
export const STEPS: Readonly<Record<Language, Record<string, string>>> = {
  zh: {
    escalate: '敏感投诉：立即上报主管（逐级上报、及时申报）',
    safety: '先确认客户人身与财产安全，必要时转应急处理',
    ask: '仅补问缺失要素：{missing}',
    refund: '核实扣费/交易记录，确认退款路径与时限',
    compensation: '赔偿须先确认授权范围，不做无效承诺',
    apology: '代表公司真诚致歉，说明改进措施',
    restate: '复述问题并请客户确认理解是否正确',
    deadline: '告知客户处理进度与下一步时限（首次答复不超过 24 小时）',
  },
  en: {
    escalate: 'Sensitive case: report to a supervisor now',
    safety: 'First make sure the customer is safe; hand to emergency handling if needed',
    ask: 'Ask only for what is missing: {missing}',
    refund: 'Check the billing/transaction records and confirm the refund path and timing',
    compensation: 'Confirm what compensation is authorised before promising anything',
    apology: 'Apologise sincerely for the company and say what will change',
    restate: 'Restate the problem and ask the customer to confirm it is right',
    deadline: 'Tell the customer what happens next and by when (first answer within 24 hours)',
  },
};
