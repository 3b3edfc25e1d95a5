import { Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { HotIssueDetail, type HotIssueMatter, type MatterState } from '@fengqiao/shared';
import { api } from '../../api/client';
import { AsyncGate, useAsync } from '../../components/common';
import { useT } from '../../i18n';
import { fmtTime, StateTag } from '../matters/shared';
import { Sparkline } from './Sparkline';

/** One hot issue (found by any of its matters) with its matters, each linking to its page. */
export function HotIssueDrawer({ id, days, onClose }: { id: string | null; days: number; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer open={id !== null} size={720} title={t('hot.detail')} onClose={onClose} destroyOnHidden>
      {id ? <Detail id={id} days={days} /> : null}
    </Drawer>
  );
}

function Detail({ id, days }: { id: string; days: number }) {
  const t = useT();
  const state = useAsync((signal) => api(`/api/hot-issues/${id}`, { query: { days }, schema: HotIssueDetail, signal }), [id, days]);
  return (
    <AsyncGate state={state}>
      {(h) => (
        <div data-testid="hot-drawer" data-id={h.id} data-count={h.count}>
          <Typography.Title level={5} data-testid="hot-drawer-label">
            {h.label}
          </Typography.Title>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('hot.heat')}>{h.heat.toFixed(1)}</Descriptions.Item>
            <Descriptions.Item label={t('hot.place')}>{h.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hot.count')}>{h.count}</Descriptions.Item>
            <Descriptions.Item label={t('hot.reporters')}>{h.reporters}</Descriptions.Item>
            <Descriptions.Item label={t('hot.area')}>{h.areaName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hot.followers')}>{h.followers}</Descriptions.Item>
            <Descriptions.Item label={t('hot.first')}>{fmtTime(h.firstAt)}</Descriptions.Item>
            <Descriptions.Item label={t('hot.last')}>{fmtTime(h.lastAt)}</Descriptions.Item>
            {h.employer ? (
              <Descriptions.Item label={t('hot.employer')} span={2}>
                <Tag color="volcano">{h.employer}</Tag>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('hot.terms')} span={2}>
              <Space size={4} wrap>
                {h.terms.map((term) => (
                  <Tag key={term}>{term}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('hot.growth')} span={2}>
              <Sparkline daily={h.daily} width={400} height={40} title={t('hot.growthTip', { recent: h.recent, earlier: h.earlier })} />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text strong>{t('hot.matters')}</Typography.Text>
          <Table<HotIssueMatter>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={h.matters}
            data-testid="hot-matters"
            onRow={() => ({ 'data-testid': 'hot-matter-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('hot.matterNumber'), dataIndex: 'number', width: 150, render: (n: string, m) => <Link to={`/matters/${m.id}`} data-testid="hot-matter-link">{n}</Link> },
              { title: t('hot.matterTitle'), dataIndex: 'title', ellipsis: true },
              { title: t('hot.matterArea'), dataIndex: 'areaName', width: 140, ellipsis: true },
              { title: t('hot.matterState'), dataIndex: 'state', width: 90, render: (s: string) => <StateTag state={s as MatterState} /> },
              { title: t('hot.matterTime'), dataIndex: 'createdAt', width: 140, render: (v: string) => fmtTime(v) },
            ]}
          />
        </div>
      )}
    </AsyncGate>
  );
}
