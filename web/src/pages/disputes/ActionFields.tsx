import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  CHAIN_STEP_KINDS,
  CHAIN_STEPS,
  chainStepRefusal,
  DISPUTE_RISK_LEVELS,
  ESCALATION_REASONS,
  FAILED_PATHS,
  MediatorPage,
  OrgUnitPage,
  type ChainResult,
  type ChainStepKind,
  type DisputeDetail,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { useMe } from '../../auth';
import { useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { AttachmentUpload } from '../matters/shared';
import { dChainKey, dPathKey, dReasonKey, dResultKey, dRiskKey } from './labels';

// The fields of each step on a case, inside the one action form (CaseActions.tsx).

/** Units that mediate as a body: studios (工作室), 人民调解委员会, 司法所. */
const MEDIATING_KINDS = ['studio', 'mediation_committee', 'judicial_office'] as const;

/** 指派: people (the viewer, the case's mediators, the mediators of the area) and/or a studio. */
export function AssignFields({ c }: { c: DisputeDetail }) {
  const t = useT();
  const me = useMe();
  const form = Form.useFormInstance();
  const mediators = useAsync(
    (signal) => api('/api/mediators', { query: { areaCode: c.levelArea.code, pageSize: 100 }, schema: MediatorPage, signal }).then((p) => p.items),
    [c.levelArea.code],
  );
  const studios = useAsync(
    (signal) =>
      Promise.all(MEDIATING_KINDS.map((kind) => api('/api/org-units', { query: { kind, pageSize: 200 }, schema: OrgUnitPage, signal }))).then((pages) =>
        pages.flatMap((p) => p.items).map((u) => ({ value: u.id, label: `${u.name}（${u.areaName}）` })),
      ),
    [],
  );
  const people = new Map<string, string>([[me.user.id, t('dispute.meLabel', { name: me.user.displayName })]]);
  for (const m of c.mediators) if (!m.releasedAt) people.set(m.id, m.name);
  for (const m of mediators.data ?? []) if (!people.has(m.userId)) people.set(m.userId, m.unitName ? `${m.name}（${m.unitName}）` : m.name);
  const addMe = () => form.setFieldValue('mediatorIds', [...new Set([...((form.getFieldValue('mediatorIds') as string[] | undefined) ?? []), me.user.id])]);
  return (
    <>
      <Form.Item label={t('dispute.mediators')} extra={t('dispute.assignHint')}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="mediatorIds" noStyle>
            <Select mode="multiple" style={{ width: '100%' }} options={[...people].map(([value, label]) => ({ value, label }))} optionFilterProp="label" data-testid="assign-mediators" />
          </Form.Item>
          <Button icon={<UserAddOutlined />} onClick={addMe} data-testid="assign-me">
            {t('dispute.assignMe')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="studioId" label={t('dispute.studio')}>
        <Select allowClear showSearch optionFilterProp="label" loading={studios.loading} options={studios.data ?? []} data-testid="assign-studio" />
      </Form.Item>
    </>
  );
}

/** 安排调解 or 调解笔录: when, where, who; minutes when it was held. */
export function SessionFields({ withMinutes, existing }: { withMinutes: boolean; existing: boolean }) {
  const t = useT();
  return (
    <>
      {existing ? null : (
        <Space wrap align="start">
          <Form.Item name="at" label={t('dispute.sessionAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="session-at" />
          </Form.Item>
          <Form.Item name="place" label={t('dispute.sessionPlace')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} style={{ width: 240 }} data-testid="session-place" />
          </Form.Item>
          <Form.Item name="onSite" valuePropName="checked" label=" ">
            <Checkbox>{t('dispute.onSite')}</Checkbox>
          </Form.Item>
        </Space>
      )}
      <Form.Item name="participants" label={t('dispute.participants')} extra={t('dispute.participantsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="session-participants" />
      </Form.Item>
      {withMinutes ? (
        <>
          <Form.Item name="minutes" label={t('dispute.minutes')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
            <Input.TextArea rows={6} maxLength={20000} data-testid="session-minutes" />
          </Form.Item>
          <Form.Item name="attachments" label={t('dispute.attachments')}>
            <AttachmentUpload testid="session-upload" />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}

export function RiskFields() {
  const t = useT();
  return (
    <Space wrap>
      <Form.Item name="riskLevel" label={t('dispute.risk')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={DISPUTE_RISK_LEVELS.map((r) => ({ value: r, label: t(dRiskKey(r)) }))} />
      </Form.Item>
      <Form.Item name="volatile" valuePropName="checked" label=" ">
        <Checkbox>{t('dispute.volatile')}</Checkbox>
      </Form.Item>
    </Space>
  );
}

/** 调解成功: the facts as agreed and the terms, each with its own 履行期限. */
export function SettleFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="agreedFacts" label={t('dispute.agreedFacts')} extra={t('dispute.agreedFactsHint')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.List name="terms" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(t('dispute.termsRequired')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('dispute.terms')} required>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="term-row">
                <span style={{ lineHeight: '32px' }}>{i + 1}.</span>
                <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, max: 1000 }]} style={{ width: 300 }}>
                  <Input.TextArea autoSize maxLength={1000} data-testid="term-text" />
                </Form.Item>
                <Form.Item name={[f.name, 'dueAt']}>
                  <DatePicker placeholder={t('dispute.termDue')} data-testid="term-due" />
                </Form.Item>
                {fields.length > 1 ? <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('dispute.removeTerm')} /> : null}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })} data-testid="term-add">
              {t('dispute.addTerm')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
    </>
  );
}

export function FailFields() {
  const t = useT();
  return (
    <Form.Item name="path" label={t('dispute.failedPath')} rules={[{ required: true }]}>
      <Radio.Group options={FAILED_PATHS.map((p) => ({ value: p, label: t(dPathKey(p)) }))} data-testid="fail-path" />
    </Form.Item>
  );
}

export function EscalateFields() {
  const t = useT();
  return (
    <Form.Item name="reason" label={t('dispute.escalateReason')} rules={[{ required: true }]}>
      <Select options={ESCALATION_REASONS.map((r) => ({ value: r, label: t(dReasonKey(r)) }))} />
    </Form.Item>
  );
}

export function PerformanceFields() {
  const t = useT();
  return (
    <Space wrap align="start">
      <Form.Item name="performed" label={t('dispute.performed')}>
        <Radio.Group
          options={[
            { value: true, label: t('dispute.performedYes') },
            { value: false, label: t('dispute.performedNo') },
          ]}
        />
      </Form.Item>
      <Form.Item name="at" label={t('dispute.performedAt')}>
        <DatePicker />
      </Form.Item>
    </Space>
  );
}

/** The chain steps that may start now (纠纷调处 → 司法确认 → 诉讼引调 → 诉讼), by the shared rules. */
export function chainKindsNow(c: DisputeDetail): ChainStepKind[] {
  const last = c.chain.at(-1);
  return CHAIN_STEP_KINDS.filter((k) => chainStepRefusal(k, c.state, last ? { kind: last.kind, result: last.result } : null) === null);
}

export function ChainStepFields({ c }: { c: DisputeDetail }) {
  const t = useT();
  return (
    <>
      <Form.Item name="kind" label={t('dispute.chainKind')} rules={[{ required: true }]}>
        <Radio.Group options={chainKindsNow(c).map((k) => ({ value: k, label: t(dChainKey(k)) }))} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="at" label={t('dispute.appliedAt')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="institution" label={t('dispute.institution')} rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input maxLength={80} style={{ width: 220 }} data-testid="chain-institution" />
        </Form.Item>
        <Form.Item name="caseNumber" label={t('dispute.caseNumber')} rules={[{ max: 60 }]}>
          <Input maxLength={60} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name="attachments" label={t('dispute.attachments')}>
        <AttachmentUpload testid="chain-upload" />
      </Form.Item>
    </>
  );
}

export function ChainResultFields({ kind }: { kind: ChainStepKind }) {
  const t = useT();
  return (
    <>
      <Space wrap align="start">
        <Form.Item name="result" label={t('dispute.chainResult')} rules={[{ required: true }]}>
          <Radio.Group options={CHAIN_STEPS[kind].results.map((r) => ({ value: r, label: t(dResultKey(r as ChainResult)) }))} />
        </Form.Item>
        <Form.Item name="at" label={t('dispute.resultAt')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="attachments" label={t('dispute.attachments')}>
        <AttachmentUpload testid="chain-result-upload" />
      </Form.Item>
    </>
  );
}
