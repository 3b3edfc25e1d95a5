import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Result, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { SUPERVISION_KINDS, SupervisionCreated, type SupervisionCreate, type SupervisionCreated as SupervisionCreatedT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { supervisionKindKey, useT } from '../../i18n';
import { ErrorAlert } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';

/**
 * 监督举报: report slow or improper handling, or an official's misconduct. The 指挥中心 reads it,
 * never the unit it is about; the reporter follows it under 我的.
 */
export default function SupervisePage() {
  const t = useT();
  const [params] = useSearchParams();
  const [form] = Form.useForm<SupervisionCreate>();
  const state = useServerFormErrors(form);
  const [done, setDone] = useState<SupervisionCreatedT | null>(null);

  if (done) {
    return (
      <Result
        status="success"
        title={t('pub.superviseDone')}
        subTitle={
          <span>
            {t('pub.superviseNumber')} <Typography.Text strong copyable data-testid="supervise-number">{done.number}</Typography.Text>
          </span>
        }
        extra={
          <Link to="/public/me">
            <Button type="primary">{t('pub.nav.me')}</Button>
          </Link>
        }
      />
    );
  }

  const onFinish = (v: SupervisionCreate) =>
    void state.submit(
      () =>
        api('/api/supervision', {
          method: 'POST',
          body: { kind: v.kind, matterNumber: v.matterNumber?.trim() || undefined, subject: v.subject.trim(), content: v.content.trim() },
          schema: SupervisionCreated,
        }),
      t('pub.superviseDone'),
      setDone,
    );

  return (
    <Card size="small" title={t('pub.supervise')}>
      <Typography.Paragraph type="secondary">{t('pub.superviseIntro')}</Typography.Paragraph>
      <Form<SupervisionCreate>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'slow_handling', matterNumber: params.get('matter') ?? undefined }}
        onFinish={onFinish}
        data-testid="supervise-form"
      >
        <Form.Item name="kind" label={t('pub.superviseKind')} rules={[{ required: true }]}>
          <Radio.Group>
            <Space orientation="vertical">
              {SUPERVISION_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`supervise-kind-${k}`}>
                  {t(supervisionKindKey(k))}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="matterNumber" label={t('matter.number')} extra={t('pub.superviseMatterHint')} rules={[{ pattern: /^\d{8,20}$/, message: t('pub.numberInvalid') }]}>
          <Input inputMode="numeric" maxLength={20} data-testid="supervise-matter" />
        </Form.Item>
        <Form.Item name="subject" label={t('pub.superviseSubject')} rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input maxLength={80} placeholder={t('pub.superviseSubjectHint')} data-testid="supervise-subject" />
        </Form.Item>
        <Form.Item name="content" label={t('pub.superviseContent')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount data-testid="supervise-content" />
        </Form.Item>
        {state.error ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={state.error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" block size="large" loading={state.busy} data-testid="supervise-submit">
          {t('matter.submit')}
        </Button>
      </Form>
    </Card>
  );
}
