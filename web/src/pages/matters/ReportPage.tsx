import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import {
  AreaFeatureCollection,
  channelsFor,
  MatterDetail,
  REFERRAL_SOURCES,
  ResolveResult,
  URGENCIES,
  type Attachment,
  type MatterChannel,
  type MatterIntake,
  type ReferralSource,
  type Urgency,
} from '@fengqiao/shared';
import { api, idempotencyFor, type IdempotentSend } from '../../api/client';
import { useAuth, useMe } from '../../auth';
import { channelKey, referralKey, urgencyKey, useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';
import { AttachmentUpload, CategoryCascader } from './shared';
import { DuplicateHints } from './DuplicateList';
import { MatterMap } from './MatterMap';

interface Values {
  channel: MatterChannel;
  referralSource?: ReferralSource;
  title: string;
  description: string;
  categoryCode?: string;
  urgency: Urgency;
  address: string;
  lon?: number | null;
  lat?: number | null;
  areaCode?: string;
  anonymous: boolean;
  reporterName?: string;
  contactPhone?: string;
  attachments: Attachment[];
  onSpot: boolean;
  resolvedOnSpot?: string;
}

function ReportForm() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const state = useServerFormErrors(form);
  const channels = useMemo(() => channelsFor(me.user.roles), [me.user.roles]);
  // One key per report: a retry after a network error returns the matter the first attempt created.
  const idem = useRef<IdempotentSend | null>(null);
  const [resolved, setResolved] = useState<ResolveResult | null>(null);

  const grids = useAsync(
    (signal) =>
      can('area.read')
        ? api(`/api/areas/${encodeURIComponent(me.scopeArea.code)}/grids`, { schema: AreaFeatureCollection, signal })
        : Promise.resolve(undefined),
    [me.scopeArea.code],
  );

  const channel = Form.useWatch('channel', form);
  const anonymous = Form.useWatch('anonymous', form);
  const onSpot = Form.useWatch('onSpot', form);
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  const point: [number, number] | null = typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;

  const resolvePoint = (x: number, y: number) => {
    setResolved(null);
    if (!can('area.read')) return;
    api('/api/areas/resolve', { query: { lon: x, lat: y }, schema: ResolveResult })
      .then((r) => {
        setResolved(r);
        if (r.grid) form.setFieldValue('areaCode', undefined);
      })
      .catch(() => undefined);
  };

  const onFinish = (v: Values) => {
    const body: MatterIntake = {
      channel: v.channel,
      referralSource: v.channel === 'referral' ? v.referralSource : undefined,
      title: v.title,
      description: v.description,
      categoryCode: v.categoryCode || undefined,
      urgency: v.urgency,
      address: v.address,
      lon: typeof v.lon === 'number' ? v.lon : undefined,
      lat: typeof v.lat === 'number' ? v.lat : undefined,
      areaCode: v.areaCode?.trim() || undefined,
      anonymous: v.anonymous,
      reporterName: v.anonymous ? undefined : v.reporterName?.trim() || undefined,
      contactPhone: v.contactPhone?.trim() || undefined,
      attachmentIds: (v.attachments ?? []).map((a) => a.id),
      resolvedOnSpot: v.channel === 'grid_report' && v.onSpot ? v.resolvedOnSpot : undefined,
      // The staff form reports private matters; citizens choose public/private on their own page.
      public: false,
      publicAnonymous: false,
    };
    const send = (idem.current = idempotencyFor(idem.current, body));
    void state.submit(
      () => api('/api/matters', { method: 'POST', body, schema: MatterDetail, headers: { 'Idempotency-Key': send.key } }),
      t('common.created'),
      (m) => {
        void message.success(t('matter.reported', { number: m.number }));
        nav(`/matters/${m.id}`);
      },
    );
  };

  if (channels.length === 0) return <Alert type="warning" showIcon title={t('common.forbiddenDesc')} />;

  return (
    <Card title={t('matter.newTitle')}>
      {state.error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={state.error} />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="report-form"
        initialValues={{ channel: channels[0], urgency: 'normal', anonymous: false, onSpot: false, attachments: [] }}
        onFinish={onFinish}
      >
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="channel" label={t('matter.channel')} rules={[{ required: true }]}>
              <Radio.Group
                data-testid="report-channel"
                optionType="button"
                options={channels.map((c) => ({ value: c, label: t(channelKey(c)) }))}
              />
            </Form.Item>
            {channel === 'referral' ? (
              <Form.Item name="referralSource" label={t('matter.referralSource')} rules={[{ required: true }]}>
                <Select options={REFERRAL_SOURCES.map((r) => ({ value: r, label: t(referralKey(r)) }))} data-testid="report-referral" />
              </Form.Item>
            ) : null}
            <Form.Item name="title" label={t('matter.title')} rules={[{ required: true, min: 2, max: 80 }]}>
              <Input maxLength={80} showCount data-testid="report-title" />
            </Form.Item>
            <Form.Item name="description" label={t('matter.description')} rules={[{ required: true, max: 4000 }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid="report-description" />
            </Form.Item>
            {can('catalog.read') ? (
              <Form.Item name="categoryCode" label={t('matter.category')} extra={t('matter.categoryHint')}>
                <CategoryCascader testid="report-category" />
              </Form.Item>
            ) : null}
            <Form.Item name="urgency" label={t('matter.urgency')}>
              <Radio.Group options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))} />
            </Form.Item>
            <Form.Item name="address" label={t('matter.address')} rules={[{ required: true, max: 200 }]}>
              <Input maxLength={200} data-testid="report-address" />
            </Form.Item>
            <Space align="start" wrap>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox data-testid="report-anonymous">{t('matter.anonymous')}</Checkbox>
              </Form.Item>
              {!anonymous ? (
                <Form.Item name="reporterName" label={t('matter.reporterName')}>
                  <Input maxLength={40} style={{ width: 180 }} placeholder={me.user.displayName} data-testid="report-reporter" />
                </Form.Item>
              ) : null}
              <Form.Item name="contactPhone" label={t('matter.contactPhone')} extra={t('matter.contactPrivate')}>
                <Input maxLength={20} style={{ width: 200 }} data-testid="report-phone" />
              </Form.Item>
            </Space>
            <Form.Item name="attachments" label={t('matter.attachments')}>
              <AttachmentUpload testid="report-upload" />
            </Form.Item>
            {channel === 'grid_report' ? (
              <>
                <Form.Item name="onSpot" valuePropName="checked">
                  <Checkbox data-testid="report-on-spot">{t('matter.resolveOnSpot')}</Checkbox>
                </Form.Item>
                {onSpot ? (
                  <Form.Item name="resolvedOnSpot" label={t('matter.resolveOnSpotNote')} rules={[{ required: true, max: 2000 }]}>
                    <Input.TextArea rows={2} data-testid="report-on-spot-note" />
                  </Form.Item>
                ) : null}
              </>
            ) : null}
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item label={t('matter.point')} extra={t('matter.pointHint')} required>
              <MatterMap
                grids={grids.data}
                point={point}
                height={360}
                testid="report-map"
                onPick={(x, y) => {
                  form.setFieldsValue({ lon: x, lat: y });
                  form.setFields([{ name: 'lon', errors: [] }]);
                  resolvePoint(x, y);
                }}
              />
            </Form.Item>
            <Space wrap>
              {/* Leaving one coordinate resolves the point once the other one is a number too. */}
              {(
                [
                  ['lon', 'lat', 180],
                  ['lat', 'lon', 90],
                ] as const
              ).map(([name, other, limit]) => (
                <Form.Item key={name} name={name} label={t(`area.${name}`)}>
                  <InputNumber
                    min={-limit}
                    max={limit}
                    step={0.0001}
                    style={{ width: 160 }}
                    data-testid={`report-${name}`}
                    onBlur={() => typeof form.getFieldValue(other) === 'number' && resolvePoint(form.getFieldValue('lon'), form.getFieldValue('lat'))}
                  />
                </Form.Item>
              ))}
            </Space>
            <div data-testid="report-grid" style={{ marginBottom: 12 }}>
              {resolved ? (
                resolved.grid ? (
                  <Typography.Text type="success">
                    {t('matter.pointGrid', { name: [...resolved.ancestors.map((a) => a.name), resolved.grid.name].join(' / ') })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="warning">{t('matter.pointOutside')}</Typography.Text>
                )
              ) : null}
            </div>
            {!point ? (
              <Form.Item name="areaCode" label={t('matter.areaCode')} extra={t('matter.areaCodeHint')}>
                <Input maxLength={20} style={{ width: 240 }} data-testid="report-area-code" />
              </Form.Item>
            ) : null}
          </Col>
        </Row>
        <DuplicateHints form={form} />
        <Button type="primary" htmlType="submit" loading={state.busy} data-testid="report-submit">
          {t('matter.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export default function ReportPage() {
  return (
    <Guard need="matter.create">
      <ReportForm />
    </Guard>
  );
}
