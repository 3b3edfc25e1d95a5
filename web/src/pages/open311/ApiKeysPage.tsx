import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { z } from 'zod';
import { Open311Key, Open311KeyCreated, type Open311Key as KeyT, type Open311KeyCreated as CreatedT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';
import { fmtTime } from '../matters/shared';

// Open311 API keys (admins): issue a key per third-party app, see when each was last used,
// revoke it. The key itself is in the answer to the issuing request only, so it is shown once.

const KeyList = z.array(Open311Key);

/** The "issue a key" dialog: asks for a name, then shows the new key once with a copy button. */
function IssueKeyModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const state = useServerFormErrors(form);
  const [issued, setIssued] = useState<CreatedT | null>(null);
  const close = () => {
    setIssued(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={issued ? t('open311.createdTitle') : t('open311.new')}
      onCancel={close}
      destroyOnHidden
      afterOpenChange={(o) => o && state.reset({})}
      footer={
        issued ? (
          <Button type="primary" onClick={close} data-testid="open311-key-done">
            {t('open311.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={state.busy} onClick={() => form.submit()} data-testid="open311-key-submit">
              {t('common.create')}
            </Button>
          </>
        )
      }
    >
      {issued ? (
        <>
          <Alert type="warning" showIcon title={t('open311.keyOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: issued.key }} code data-testid="open311-key-value">
            {issued.key}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          {state.error ? <ErrorAlert error={state.error} /> : null}
          <Form
            form={form}
            layout="vertical"
            data-testid="open311-key-form"
            onFinish={(v) =>
              void state.submit(
                () => api('/api/open311/keys', { method: 'POST', body: { name: v.name }, schema: Open311KeyCreated }),
                t('open311.createdTitle'),
                (created) => {
                  setIssued(created);
                  onIssued();
                },
              )
            }
          >
            <Form.Item name="name" label={t('open311.name')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input placeholder={t('open311.namePlaceholder')} maxLength={60} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

function ApiKeysInner() {
  const t = useT();
  const { message } = App.useApp();
  const [issuing, setIssuing] = useState(false);
  const keys = useAsync((signal) => api('/api/open311/keys', { schema: KeyList, signal }), []);

  const revoke = async (k: KeyT) => {
    try {
      await api(`/api/open311/keys/${k.id}`, { method: 'DELETE' });
      void message.success(t('open311.revokedDone'));
      keys.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      title={t('open311.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="open311-key-create">
          {t('open311.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('open311.intro')}</Typography.Paragraph>
      {keys.error ? <ErrorAlert error={keys.error} /> : null}
      <Table<KeyT>
        size="small"
        rowKey="id"
        data-testid="open311-key-table"
        loading={keys.loading}
        dataSource={keys.data ?? []}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('open311.name'), dataIndex: 'name' },
          { title: t('open311.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t('open311.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
          { title: t('open311.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
          { title: t('open311.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? fmtTime(v) : t('open311.never')) },
          {
            title: t('open311.status'),
            dataIndex: 'revokedAt',
            render: (v: string | null) => (v ? <Tag title={fmtTime(v)}>{t('open311.revoked')}</Tag> : <Tag color="green">{t('open311.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_: unknown, k: KeyT) =>
              k.revokedAt ? null : (
                <Popconfirm title={t('open311.revokeConfirm')} onConfirm={() => void revoke(k)}>
                  <a data-testid="open311-key-revoke">{t('open311.revoke')}</a>
                </Popconfirm>
              ),
          },
        ]}
      />
      <IssueKeyModal open={issuing} onClose={() => setIssuing(false)} onIssued={keys.reload} />
    </Card>
  );
}

export default function ApiKeysPage() {
  return (
    <Guard need="open311.keys">
      <ApiKeysInner />
    </Guard>
  );
}
