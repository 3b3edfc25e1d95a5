import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  SUPERVISION_STATES,
  SupervisionPage as SupervisionPageSchema,
  SupervisionReport,
  type SupervisionActionBody,
  type SupervisionReport as ReportT,
  type SupervisionState,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { supervisionKindKey, supervisionStateKey, useT } from '../../i18n';
import { AsyncGate, ErrorAlert, Guard, useAsync } from '../../components/common';
import { PagedTable, usePagedQuery } from '../../components/paged';
import { fmtTime } from '../matters/shared';

// 监督举报 queue of the 指挥中心: reports in the operator's scope (never those about their own
// unit; the server decides), filtered by state, each opened in a drawer to accept (受理) or close
// (办结) with a note. The closing note is the conclusion the reporter reads under 我的.

type Filter = SupervisionState | 'all';
const STATE_COLOR: Record<SupervisionState, string> = { open: 'orange', accepted: 'blue', closed: 'green' };

function StateTag({ state }: { state: SupervisionState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="supervision-state" data-state={state}>
      {t(supervisionStateKey(state))}
    </Tag>
  );
}

function Queue() {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('open');
  const query = usePagedQuery('/api/supervision', SupervisionPageSchema, filter === 'all' ? undefined : { state: filter });
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Card title={t('sup.title')} data-testid="supervision-page">
      <Segmented<Filter>
        style={{ marginBottom: 16 }}
        value={filter}
        onChange={(f) => {
          setFilter(f);
          query.setPaging(1, query.pageSize);
        }}
        options={(['all', ...SUPERVISION_STATES] as const).map((s) => ({
          value: s,
          label: <span data-testid={`supervision-filter-${s}`}>{s === 'all' ? t('common.all') : t(supervisionStateKey(s))}</span>,
        }))}
      />
      <PagedTable<ReportT>
        query={query}
        rowKey="id"
        data-testid="supervision-table"
        scroll={{ x: 900 }}
        onRow={(r) =>
          ({
            'data-testid': 'supervision-row',
            'data-number': r.number,
            style: { cursor: 'pointer' },
            onClick: () => setOpenId(r.id),
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('sup.number'), dataIndex: 'number', width: 170 },
          { title: t('sup.kind'), dataIndex: 'kind', width: 150, render: (k: ReportT['kind']) => t(supervisionKindKey(k)) },
          { title: t('sup.subject'), dataIndex: 'subject', width: 180, ellipsis: true },
          { title: t('sup.content'), dataIndex: 'content', ellipsis: true },
          { title: t('sup.state'), dataIndex: 'state', width: 90, render: (s: SupervisionState) => <StateTag state={s} /> },
          { title: t('sup.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => fmtTime(v) },
        ]}
      />
      <Drawer open={openId !== null} size={560} title={t('sup.detail')} onClose={() => setOpenId(null)} destroyOnHidden>
        {openId ? <ReportDetail id={openId} onChanged={query.list.reload} /> : null}
      </Drawer>
    </Card>
  );
}

function ReportDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const state = useAsync((signal) => api(`/api/supervision/${id}`, { schema: SupervisionReport, signal }), [id]);
  return <AsyncGate state={state}>{(r) => <ReportView report={r} onChanged={onChanged} />}</AsyncGate>;
}

function ReportView({ report, onChanged }: { report: ReportT; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [r, setR] = useState(report);
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState<SupervisionActionBody['action'] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (action: SupervisionActionBody['action']) => {
    let note: string;
    try {
      note = (await form.validateFields()).note.trim();
    } catch {
      return;
    }
    setBusy(action);
    setError(null);
    try {
      const body: SupervisionActionBody = { action, note };
      setR(await api(`/api/supervision/${r.id}/actions`, { method: 'POST', body, schema: SupervisionReport }));
      form.resetFields();
      void message.success(t('matter.actionDone', { action: t(`sup.${action}`) }));
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="supervision-detail" data-state={r.state} data-number={r.number}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('sup.number')}>{r.number}</Descriptions.Item>
        <Descriptions.Item label={t('sup.state')}>
          <StateTag state={r.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('sup.kind')}>{t(supervisionKindKey(r.kind))}</Descriptions.Item>
        <Descriptions.Item label={t('sup.subject')}>{r.subject}</Descriptions.Item>
        <Descriptions.Item label={t('sup.content')}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="supervision-content">
            {r.content}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sup.reporter')}>{r.reporterName}</Descriptions.Item>
        <Descriptions.Item label={t('sup.matter')}>
          {r.matterId ? (
            <Link to={`/matters/${r.matterId}`} data-testid="supervision-matter">
              {r.matterNumber}
            </Link>
          ) : (
            (r.matterNumber ?? '—')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('sup.createdAt')}>{fmtTime(r.createdAt)}</Descriptions.Item>
        {r.acceptedAt ? (
          <Descriptions.Item label={t('sup.acceptNote')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.acceptNote}</span>
            <Typography.Text type="secondary"> · {fmtTime(r.acceptedAt)}</Typography.Text>
          </Descriptions.Item>
        ) : null}
        {r.closedAt ? (
          <Descriptions.Item label={t('sup.closeNote')}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="supervision-conclusion">
              {r.closeNote}
            </span>
            <Typography.Text type="secondary"> · {fmtTime(r.closedAt)}</Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {r.state !== 'closed' ? (
        <Form form={form} layout="vertical" data-testid="supervision-form">
          {error ? (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={error} />
            </div>
          ) : null}
          <Form.Item
            name="note"
            label={t('sup.note')}
            extra={t('sup.noteHint')}
            rules={[{ required: true, whitespace: true, message: t('sup.noteRequired') }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="supervision-note" />
          </Form.Item>
          <Space>
            {r.state === 'open' ? (
              <Button type="primary" loading={busy === 'accept'} disabled={busy !== null} onClick={() => void act('accept')} data-testid="supervision-accept">
                {t('sup.accept')}
              </Button>
            ) : null}
            <Button type={r.state === 'open' ? 'default' : 'primary'} loading={busy === 'close'} disabled={busy !== null} onClick={() => void act('close')} data-testid="supervision-close">
              {t('sup.close')}
            </Button>
          </Space>
        </Form>
      ) : null}
    </Space>
  );
}

export default function SupervisionPage() {
  return (
    <Guard need="supervision.read">
      <Queue />
    </Guard>
  );
}
