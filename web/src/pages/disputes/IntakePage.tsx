import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import {
  DISPUTE_LEVELS,
  DISPUTE_RISK_LEVELS,
  DISPUTE_SOURCES,
  DISPUTE_TYPES,
  DisputeDetail,
  MEDIATION_TYPES,
  type DisputeCreate,
  type DisputeLevel,
  type DisputeRiskLevel,
  type DisputeSource,
  type DisputeType,
  type MediationType,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { useMe } from '../../auth';
import { useT } from '../../i18n';
import { ErrorAlert, Guard } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';
import { dLevelKey, dMediationKey, dRiskKey, dSourceKey, dTypeKey } from './labels';
import { emptyParty, partyBody, PartiesField, type PartyValues } from './PartiesField';
import { ScopeAreaInput } from './shared';

interface Values {
  source: DisputeSource;
  matterId?: string;
  type: DisputeType;
  title: string;
  facts: string;
  areaCode: string;
  address: string;
  parties: PartyValues[];
  amountYuan?: number | null;
  peopleInvolved?: number | null;
  riskLevel: DisputeRiskLevel;
  volatile: boolean;
  mediationType: MediationType;
  level?: DisputeLevel;
}

/**
 * 受理: one case with its parties. Opened from the screening board (?screeningId&gridCode&gridName)
 * the case counts towards that grid's report; from a matter (?matterId) it is linked to it.
 */
function IntakeForm() {
  const t = useT();
  const me = useMe();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const state = useServerFormErrors(form);
  const screeningId = params.get('screeningId') ?? undefined;
  const gridCode = params.get('gridCode') ?? undefined;
  const matterId = params.get('matterId') ?? undefined;
  const source = Form.useWatch('source', form);

  const onFinish = (v: Values) => {
    const body: DisputeCreate = {
      source: v.source,
      matterId: v.source === 'matter' ? v.matterId?.trim() || undefined : undefined,
      screeningId: v.source === 'screening' ? screeningId : undefined,
      type: v.type,
      title: v.title.trim(),
      facts: v.facts.trim(),
      areaCode: v.areaCode,
      address: v.address.trim(),
      parties: v.parties.map(partyBody),
      amountYuan: typeof v.amountYuan === 'number' ? v.amountYuan : undefined,
      peopleInvolved: typeof v.peopleInvolved === 'number' ? v.peopleInvolved : undefined,
      riskLevel: v.riskLevel,
      volatile: v.volatile,
      mediationType: v.mediationType,
      level: v.level,
    };
    void state.submit(
      () => api('/api/disputes', { method: 'POST', body, schema: DisputeDetail }),
      t('common.created'),
      (d) => {
        void message.success(t('dispute.registered', { number: d.number }));
        nav(`/disputes/${d.id}`);
      },
    );
  };

  return (
    <Card title={t('dispute.intakeTitle')}>
      {screeningId ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('dispute.fromScreening', { grid: params.get('gridName') ?? gridCode ?? '' })} data-testid="intake-screening" />
      ) : null}
      {state.error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={state.error} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="intake-form"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={{
          source: screeningId ? 'screening' : matterId ? 'matter' : 'walk_in',
          matterId,
          areaCode: gridCode ?? me.scopeArea.code,
          riskLevel: 'general',
          volatile: false,
          mediationType: 'people',
          parties: [emptyParty('applicant'), emptyParty('respondent')],
        }}
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Space wrap align="start">
              <Form.Item name="source" label={t('dispute.source')} rules={[{ required: true }]}>
                <Select style={{ width: 200 }} disabled={!!screeningId} options={DISPUTE_SOURCES.map((s) => ({ value: s, label: t(dSourceKey(s)) }))} data-testid="intake-source" />
              </Form.Item>
              <Form.Item name="type" label={t('dispute.type')} rules={[{ required: true }]}>
                <Select style={{ width: 200 }} options={DISPUTE_TYPES.map((s) => ({ value: s, label: t(dTypeKey(s)) }))} data-testid="intake-type" />
              </Form.Item>
            </Space>
            {source === 'matter' ? (
              <Form.Item name="matterId" label={t('dispute.matterId')} rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i, message: t('dispute.matterIdInvalid') }]}>
                <Input maxLength={36} data-testid="intake-matter" />
              </Form.Item>
            ) : null}
            <Form.Item name="title" label={t('dispute.title')} rules={[{ required: true, whitespace: true, min: 2, max: 80 }]}>
              <Input maxLength={80} showCount data-testid="intake-title" />
            </Form.Item>
            <Form.Item name="facts" label={t('dispute.facts')} extra={t('dispute.factsHint')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid="intake-facts" />
            </Form.Item>
            {gridCode ? (
              <Form.Item label={t('dispute.area')}>
                <Form.Item name="areaCode" hidden>
                  <Input />
                </Form.Item>
                <Typography.Text strong>{params.get('gridName') ?? gridCode}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="areaCode" label={t('dispute.area')} rules={[{ required: true }]}>
                <ScopeAreaInput testid="intake-area" />
              </Form.Item>
            )}
            <Form.Item name="address" label={t('dispute.address')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input maxLength={200} data-testid="intake-address" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Space wrap align="start">
              <Form.Item name="amountYuan" label={t('dispute.amount')}>
                <InputNumber min={0} max={1e11} precision={2} style={{ width: 180 }} data-testid="intake-amount" />
              </Form.Item>
              <Form.Item name="peopleInvolved" label={t('dispute.people')} extra={t('dispute.peopleHint')}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: 140 }} data-testid="intake-people" />
              </Form.Item>
            </Space>
            <Form.Item name="riskLevel" label={t('dispute.risk')}>
              <Radio.Group optionType="button" options={DISPUTE_RISK_LEVELS.map((r) => ({ value: r, label: t(dRiskKey(r)) }))} />
            </Form.Item>
            <Form.Item name="volatile" valuePropName="checked" extra={t('dispute.volatileHint')}>
              <Checkbox data-testid="intake-volatile">{t('dispute.volatile')}</Checkbox>
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="mediationType" label={t('dispute.mediationType')}>
                <Select style={{ width: 200 }} options={MEDIATION_TYPES.map((m) => ({ value: m, label: t(dMediationKey(m)) }))} />
              </Form.Item>
              <Form.Item name="level" label={t('dispute.level')} extra={t('dispute.levelHint')}>
                <Select allowClear style={{ width: 200 }} options={DISPUTE_LEVELS.map((l) => ({ value: l, label: t(dLevelKey(l)) }))} data-testid="intake-level" />
              </Form.Item>
            </Space>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('dispute.parties')}</Typography.Title>
        <PartiesField />
        <Button type="primary" htmlType="submit" loading={state.busy} style={{ marginTop: 16 }} data-testid="intake-submit">
          {t('dispute.register')}
        </Button>
      </Form>
    </Card>
  );
}

export default function IntakePage() {
  return (
    <Guard need="dispute.create">
      <IntakeForm />
    </Guard>
  );
}
