import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Popconfirm, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CheckOutlined, FileAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { DisputeScreening, ScreeningCoverage, type ScreeningGrid, type ScreeningStatus } from '@fengqiao/shared';
import { api, buildUrl } from '../../api/client';
import { useAuth, useMe } from '../../auth';
import { useT, type MessageKey } from '../../i18n';
import { AsyncGate, errorText, Guard, useAsync } from '../../components/common';
import { fmtTime } from '../matters/shared';
import { ScopeAreaInput } from './shared';

const STATUS: Record<ScreeningStatus, { color: string; bg?: string; key: MessageKey }> = {
  found: { color: 'orange', bg: '#fff7e6', key: 'dscreen.found' },
  none_found: { color: 'green', key: 'dscreen.noneFound' },
  not_screened: { color: 'red', bg: '#fff1f0', key: 'dscreen.notScreened' },
};
/** Who reports a grid's screening (the server checks the grid is theirs). */
const SCREENING_STAFF = ['grid_worker', 'grid_leader', 'community_staff'] as const;

/** 滚动排查: which grids of an area reported for a month, what they found, and the grid staff's report. */
function Screening() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [areaCode, setAreaCode] = useState<string | undefined>();
  const [period, setPeriod] = useState(dayjs().format('YYYY-MM'));
  const [busy, setBusy] = useState<string | null>(null);
  const coverage = useAsync((signal) => api('/api/dispute-screenings/coverage', { query: { areaCode, period }, schema: ScreeningCoverage, signal }), [areaCode, period]);
  const reporter = can('dispute.manage') && me.user.roles.some((r) => (SCREENING_STAFF as readonly string[]).includes(r));

  const registerFrom = (g: Pick<ScreeningGrid, 'code' | 'name'>, screeningId: string) =>
    nav(buildUrl('/disputes/new', { screeningId, gridCode: g.code, gridName: g.name }));

  const report = async (g: ScreeningGrid, found: boolean) => {
    setBusy(g.code);
    try {
      const s = await api('/api/dispute-screenings', { method: 'POST', body: { gridCode: g.code, period, found }, schema: DisputeScreening });
      if (found) registerFrom(g, s.id);
      else {
        void message.success(t('dscreen.reported', { grid: g.name }));
        coverage.reload();
      }
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={t('dscreen.title')}
      data-testid="screening-board"
      extra={
        <Space wrap>
          <ScopeAreaInput width={280} onChange={setAreaCode} testid="screening-area" />
          <DatePicker picker="month" allowClear={false} value={dayjs(`${period}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} data-testid="screening-period" />
        </Space>
      }
    >
      <AsyncGate state={coverage}>
        {(cv) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="screening-totals">
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.grids')} value={cv.totals.grids} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.screened')} value={cv.totals.screened} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.found')} value={cv.totals.found} styles={{ content: { color: '#d46b08' } }} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.noneFound')} value={cv.totals.noneFound} styles={{ content: { color: '#389e0d' } }} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.notScreened')} value={cv.totals.notScreened} styles={{ content: { color: '#cf1322' } }} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('dscreen.cases')} value={cv.totals.cases} />
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary">{t('dscreen.coverage', { area: cv.areaName, period: cv.period })}</Typography.Text>
                <Progress percent={cv.totals.grids ? Math.round((cv.totals.screened / cv.totals.grids) * 1000) / 10 : 0} />
              </Col>
            </Row>
            <Table<ScreeningGrid>
              size="small"
              rowKey="code"
              dataSource={cv.grids}
              pagination={{ pageSize: 50, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
              onRow={(g) => ({ 'data-testid': 'screening-row', 'data-grid': g.code, 'data-status': g.status, style: { background: STATUS[g.status].bg } }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('dscreen.grid'), dataIndex: 'name', render: (v: string, g) => <span title={g.code}>{v}</span> },
                { title: t('dscreen.community'), dataIndex: 'communityName' },
                {
                  title: t('dscreen.status'),
                  dataIndex: 'status',
                  filters: Object.entries(STATUS).map(([value, s]) => ({ value, text: t(s.key) })),
                  onFilter: (v, g) => g.status === v,
                  render: (s: ScreeningStatus) => (
                    <Tag color={STATUS[s].color} data-testid="screening-status">
                      {t(STATUS[s].key)}
                    </Tag>
                  ),
                },
                { title: t('dscreen.cases'), dataIndex: 'caseCount', width: 80 },
                { title: t('dscreen.reportedBy'), dataIndex: 'reportedBy', render: (v: string | null, g) => (v ? `${v} · ${fmtTime(g.reportedAt)}` : '—') },
                { title: t('dscreen.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 260,
                  render: (_, g) =>
                    reporter ? (
                      <Space size={4}>
                        {g.status !== 'found' ? (
                          <Popconfirm title={t('dscreen.noneConfirm', { grid: g.name, period })} onConfirm={() => void report(g, false)}>
                            <Button size="small" icon={<CheckOutlined />} loading={busy === g.code} data-testid="screening-none">
                              {t('dscreen.reportNone')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                        <Button
                          size="small"
                          type="primary"
                          icon={<FileAddOutlined />}
                          loading={busy === g.code}
                          onClick={() => (g.screeningId && g.status === 'found' ? registerFrom(g, g.screeningId) : void report(g, true))}
                          data-testid="screening-found"
                        >
                          {g.status === 'found' ? t('dscreen.registerAnother') : t('dscreen.reportFound')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </>
        )}
      </AsyncGate>
    </Card>
  );
}

export default function ScreeningPage() {
  return (
    <Guard need="dispute.read">
      <Screening />
    </Guard>
  );
}
