import { useState } from 'react';
import { Button, Card, Form, Input, List, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  MATTER_CHANNELS,
  MATTER_STATES,
  MatterDetail,
  MatterPage,
  type MATTER_QUEUES,
  type MatterChannel,
  type MatterListItem,
  type MatterState,
} from '@fengqiao/shared';
import { api, buildUrl } from '../../api/client';
import { useMe } from '../../auth';
import { channelKey, queueKey, stateKey, useT } from '../../i18n';
import { errorText, Guard } from '../../components/common';
import { FilterForm, PagedTable, trimOrUndef, usePagedQuery, type FilterValues } from '../../components/paged';
import { UnitSelect } from '../../components/UnitSelect';
import { CategoryCascader, fmtTime, fromNow, PublicTag, StateTag, UrgencyTag, WarningTag } from './shared';

type Queue = (typeof MATTER_QUEUES)[number] | 'all';

type Filters = {
  q?: string;
  state?: MatterState;
  channel?: MatterChannel;
  categoryCode?: string;
  sort?: string;
  order?: string;
};

const ROW_BG = { red: '#fff1f0', yellow: '#fffbe6', none: undefined } as const;

function MatterQueueTable({ queue, selectable }: { queue: Queue; selectable: boolean }) {
  const t = useT();
  const nav = useNavigate();
  const fixed = queue === 'all' ? undefined : { queue };
  const query = usePagedQuery('/api/matters', MatterPage, fixed);
  const [selected, setSelected] = useState<MatterListItem[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const exportHref = buildUrl('/api/matters/export', { ...fixed, ...query.filters });

  return (
    <>
      <FilterForm<Filters>
        query={{ applyFilters: (f) => query.applyFilters({ ...f, sort: query.filters.sort, order: query.filters.order }) }}
        submitTestId="matter-filter-submit"
        normalize={(v) => ({ q: trimOrUndef(v.q), state: v.state, channel: v.channel, categoryCode: v.categoryCode })}
      >
        <Form.Item name="q" label={t('matter.keyword')}>
          <Input allowClear style={{ width: 180 }} data-testid="matter-filter-q" />
        </Form.Item>
        <Form.Item name="state" label={t('matter.state')}>
          <Select allowClear style={{ width: 130 }} placeholder={t('common.all')} options={MATTER_STATES.map((s) => ({ value: s, label: t(stateKey(s)) }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('matter.channel')}>
          <Select allowClear style={{ width: 160 }} placeholder={t('common.all')} options={MATTER_CHANNELS.map((c) => ({ value: c, label: t(channelKey(c)) }))} />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('matter.category')}>
          <CategoryCascader style={{ width: 220 }} placeholder={t('common.all')} />
        </Form.Item>
      </FilterForm>
      <Space style={{ marginBottom: 12 }}>
        <Button href={exportHref} icon={<DownloadOutlined />} data-testid="matter-export">
          {t('matter.export')}
        </Button>
        {selectable ? (
          <Button icon={<SendOutlined />} disabled={selected.length === 0} onClick={() => setBulkOpen(true)} data-testid="bulk-dispatch">
            {t('matter.bulkDispatch', { n: selected.length })}
          </Button>
        ) : null}
      </Space>
      <PagedTable<MatterListItem>
        query={query}
        rowKey="id"
        data-testid="matter-table"
        scroll={{ x: 1100 }}
        onRow={(r) => ({
          'data-testid': 'matter-row',
          'data-number': r.number,
          style: { cursor: 'pointer', background: ROW_BG[r.warning] },
          onClick: (e) => {
            // Clicks on the selection checkbox select; anywhere else opens the matter.
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            nav(`/matters/${r.id}`);
          },
        }) as React.HTMLAttributes<HTMLElement>}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected.map((s) => s.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: r.state !== 'pending_triage' }),
              }
            : undefined
        }
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.order ? String(s.field) : undefined;
          const next: FilterValues = { ...query.filters, sort: field, order: s?.order ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined };
          if (next.sort !== query.filters.sort || next.order !== query.filters.order) query.applyFilters(next);
        }}
        columns={[
          {
            title: t('matter.number'),
            dataIndex: 'number',
            width: 140,
            render: (v: string, r) => (
              <Link to={`/matters/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {v}
              </Link>
            ),
          },
          {
            title: t('matter.title'),
            dataIndex: 'title',
            width: 180,
            ellipsis: true,
            render: (v: string, r) => (
              <Space size={4}>
                <span>{v}</span>
                {r.urgency !== 'normal' ? <UrgencyTag urgency={r.urgency} /> : null}
                {r.supervised ? <Tag color="red">{t('matter.supervised')}</Tag> : null}
                {r.reopenCount > 0 ? <Tag color="orange">{t('matter.reopened', { n: r.reopenCount })}</Tag> : null}
              </Space>
            ),
          },
          { title: t('matter.category'), dataIndex: 'categoryName', width: 110, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('matter.area'), dataIndex: 'areaName', width: 110, ellipsis: true },
          {
            title: t('matter.ownerAssigned'),
            key: 'units',
            width: 160,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.ownerUnit.name}
                </Typography.Text>
                <span>{r.assignedUnit?.name ?? '—'}</span>
              </Space>
            ),
          },
          {
            title: t('matter.state'),
            dataIndex: 'state',
            width: 110,
            render: (s: MatterState, r) => (
              <Space size={2} wrap>
                <StateTag state={s} />
                <WarningTag warning={r.warning} />
              </Space>
            ),
          },
          // 公开诉求 are read by the public too: whoever handles one should know before writing a reply.
          { title: t('matter.publicColumn'), dataIndex: 'public', width: 80, render: (v: boolean) => <PublicTag isPublic={v} /> },
          {
            title: t('matter.deadlines'),
            dataIndex: 'dueAt',
            width: 130,
            sorter: true,
            sortOrder: query.filters.sort === 'dueAt' ? (query.filters.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (_: string | null, r) => {
              const d = r.state === 'dispatched' ? r.acceptDueAt : r.state === 'pending_triage' ? r.acceptDueAt : r.dueAt;
              return d ? (
                <span title={fmtTime(d)} style={{ color: r.warning === 'red' ? '#cf1322' : r.warning === 'yellow' ? '#d48806' : undefined }}>
                  {fmtTime(d)}
                  <br />
                  <small>{fromNow(d)}</small>
                </span>
              ) : (
                '—'
              );
            },
          },
          {
            title: t('matter.createdAt'),
            dataIndex: 'createdAt',
            width: 120,
            sorter: true,
            sortOrder: (query.filters.sort ?? 'createdAt') === 'createdAt' ? (query.filters.order === 'asc' ? 'ascend' : 'descend') : null,
            render: (v: string) => fmtTime(v),
          },
        ]}
      />
      {selectable ? (
        <BulkDispatch
          open={bulkOpen}
          items={selected}
          onClose={(changed) => {
            setBulkOpen(false);
            if (changed) {
              setSelected([]);
              query.list.reload();
            }
          }}
        />
      ) : null}
    </>
  );
}

type RowResult = { ok: true } | { ok: false; message: string };

/** Choose category + unit once, POST dispatch for each selected matter, show each row's result. */
function BulkDispatch({ open, items, onClose }: { open: boolean; items: MatterListItem[]; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, RowResult>>({});
  const [busy, setBusy] = useState(false);
  const done = Object.keys(results).length > 0;

  const run = async () => {
    if (!categoryCode || !unitId) return;
    setBusy(true);
    const out: Record<string, RowResult> = {};
    for (const m of items) {
      try {
        await api(`/api/matters/${m.id}/actions`, { method: 'POST', body: { action: 'dispatch', categoryCode, unitId, attachmentIds: [] }, schema: MatterDetail });
        out[m.id] = { ok: true };
      } catch (e) {
        out[m.id] = { ok: false, message: errorText(t, e) };
      }
      setResults({ ...out });
    }
    setBusy(false);
  };

  const okCount = Object.values(results).filter((r) => r.ok).length;
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('matter.bulkTitle', { n: items.length })}
      onCancel={() => {
        onClose(done);
        setResults({});
      }}
      afterClose={() => {
        setResults({});
        setCategoryCode(undefined);
        setUnitId(null);
      }}
      footer={
        done ? (
          <Button
            type="primary"
            onClick={() => {
              onClose(true);
            }}
          >
            {t('common.ok')}
          </Button>
        ) : (
          <Button type="primary" loading={busy} disabled={!categoryCode || !unitId} onClick={() => void run()} data-testid="bulk-submit">
            {t('mact.dispatch')}
          </Button>
        )
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('matter.category')} required>
          <CategoryCascader value={categoryCode} onChange={setCategoryCode} testid="bulk-category" />
        </Form.Item>
        <Form.Item label={t('matter.unit')} required>
          <UnitSelect value={unitId} onChange={setUnitId} testid="bulk-unit" />
        </Form.Item>
      </Form>
      {done ? <Typography.Paragraph strong>{t('matter.bulkDone', { ok: okCount, failed: Object.keys(results).length - okCount })}</Typography.Paragraph> : null}
      <List
        size="small"
        dataSource={items}
        renderItem={(m) => {
          const r = results[m.id];
          return (
            <List.Item data-testid="bulk-row">
              <span>
                {m.number} {m.title}
              </span>
              {r ? r.ok ? <Tag color="green">{t('matter.bulkOk')}</Tag> : <Typography.Text type="danger">{r.message}</Typography.Text> : null}
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}

function QueuePage({ title, queues, selectable = false, testid }: { title: string; queues: Queue[]; selectable?: boolean; testid: string }) {
  const t = useT();
  const [active, setActive] = useState<Queue>(queues[0]!);
  return (
    <Card title={title} data-testid={testid}>
      <Tabs
        activeKey={active}
        onChange={(k) => setActive(k as Queue)}
        destroyOnHidden
        items={queues.map((q) => ({
          key: q,
          label: <span data-testid={`queue-${q}`}>{t(queueKey(q))}</span>,
          children: <MatterQueueTable queue={q} selectable={selectable && q === 'triage'} />,
        }))}
      />
    </Card>
  );
}

export function WorkbenchPage() {
  const t = useT();
  return (
    <Guard need="matter.act">
      <QueuePage title={t('matter.workbench')} testid="workbench" queues={['triage', 'overdue', 'due_soon', 'to_verify', 'all']} selectable />
    </Guard>
  );
}

export function InboxPage() {
  const t = useT();
  return (
    <Guard need="matter.act">
      <QueuePage title={t('matter.inbox')} testid="inbox" queues={['to_accept', 'in_progress', 'due_soon', 'overdue', 'closed']} />
    </Guard>
  );
}

const GRID_ROLES = ['grid_worker', 'grid_leader', 'building_leader', 'community_staff'] as const;

export function MinePage() {
  const t = useT();
  const me = useMe();
  const grid = me.user.roles.some((r) => (GRID_ROLES as readonly string[]).includes(r));
  return (
    <Guard need="matter.read">
      <QueuePage title={t('matter.mine')} testid="mine" queues={grid ? ['reported_by_me', 'to_verify', 'all'] : ['reported_by_me']} />
    </Guard>
  );
}
