import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Input, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { DisputeMeeting, MeetingAgenda, MeetingPage, type MeetingAgenda as MeetingAgendaT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { AsyncGate, ErrorAlert, Guard, useAsync } from '../../components/common';
import { PagedTable, usePagedQuery } from '../../components/paged';
import { fmtTime } from '../matters/shared';
import { dLevelKey, dTypeKey } from './labels';
import { DisputeStateTag, RiskTags, ScopeAreaInput } from './shared';

type Item = MeetingAgendaT['items'][number];
type Decisions = Record<string, { decision?: string; assignee?: string }>;

/** The agenda of a 镇/街道 for a day, a decision typed against each case discussed, recorded in one go. */
function Agenda({ areaCode, onRecorded }: { areaCode: string | undefined; onRecorded: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [attendees, setAttendees] = useState('');
  const [decisions, setDecisions] = useState<Decisions>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const agenda = useAsync((signal) => api('/api/dispute-meetings/agenda', { query: { areaCode, date }, schema: MeetingAgenda, signal }), [areaCode, date]);
  const set = (caseId: string, field: 'decision' | 'assignee', v: string) => setDecisions((d) => ({ ...d, [caseId]: { ...d[caseId], [field]: v } }));
  const decided = Object.entries(decisions).filter(([, d]) => d.decision?.trim());

  const record = async (a: MeetingAgendaT) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        areaCode: a.areaCode,
        date,
        attendees: attendees.trim(),
        decisions: decided.map(([caseId, d]) => ({ caseId, decision: d.decision!.trim(), assignee: d.assignee?.trim() || undefined })),
      };
      await api('/api/dispute-meetings', { method: 'POST', body, schema: DisputeMeeting });
      void message.success(t('dmeet.recorded', { n: body.decisions.length }));
      setDecisions({});
      agenda.reload();
      onRecorded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('dmeet.date')}</span>
        <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Space>
      <AsyncGate state={agenda}>
        {(a) => (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="meeting-agenda">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('dmeet.agendaOf', { area: a.areaName, date: a.date, n: a.items.length })}
            </Typography.Title>
            <Table<Item>
              size="small"
              rowKey="caseId"
              pagination={false}
              dataSource={a.items}
              scroll={{ x: 1200 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dmeet.noOpenCases')} /> }}
              onRow={(r) => ({ 'data-testid': 'agenda-row', 'data-number': r.number }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('dispute.number'), dataIndex: 'number', width: 150, render: (v: string, r) => <Link to={`/disputes/${r.caseId}`}>{v}</Link> },
                {
                  title: t('dispute.title'),
                  dataIndex: 'title',
                  width: 220,
                  render: (v: string, r) => (
                    <Space size={2} wrap>
                      <span>{v}</span>
                      <RiskTags risk={r.riskLevel} volatile={r.volatile} />
                    </Space>
                  ),
                },
                { title: t('dispute.type'), dataIndex: 'type', width: 90, render: (v: Item['type']) => t(dTypeKey(v)) },
                { title: t('dispute.level'), dataIndex: 'level', width: 80, render: (v: Item['level']) => t(dLevelKey(v)) },
                { title: t('dispute.state'), dataIndex: 'state', width: 90, render: (v: Item['state']) => <DisputeStateTag state={v} /> },
                { title: t('dmeet.age'), dataIndex: 'ageDays', width: 70, render: (v: number) => t('dmeet.days', { n: v }) },
                { title: t('dispute.area'), dataIndex: 'areaName', width: 110 },
                { title: t('dispute.mediators'), dataIndex: 'mediators', width: 110, render: (v: string[]) => v.join('、') || '—' },
                {
                  title: t('dmeet.lastDecision'),
                  dataIndex: 'lastDecision',
                  width: 180,
                  render: (d: Item['lastDecision']) => (d ? `${d.date}：${d.decision}` : '—'),
                },
                {
                  title: t('dmeet.decision'),
                  key: 'decision',
                  width: 260,
                  fixed: 'right',
                  render: (_, r) => (
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Input.TextArea autoSize maxLength={1000} value={decisions[r.caseId]?.decision} onChange={(e) => set(r.caseId, 'decision', e.target.value)} data-testid="agenda-decision" />
                      <Input size="small" maxLength={80} placeholder={t('dmeet.assignee')} value={decisions[r.caseId]?.assignee} onChange={(e) => set(r.caseId, 'assignee', e.target.value)} />
                    </Space>
                  ),
                },
              ]}
            />
            {error ? <ErrorAlert error={error} /> : null}
            <Typography.Text strong>{t('dmeet.attendees')}</Typography.Text>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('dmeet.attendeesHint')} value={attendees} onChange={(e) => setAttendees(e.target.value)} data-testid="meeting-attendees" />
            <Button type="primary" loading={busy} disabled={decided.length === 0 || !attendees.trim()} onClick={() => void record(a)} data-testid="meeting-record">
              {t('dmeet.record', { n: decided.length })}
            </Button>
          </Space>
        )}
      </AsyncGate>
    </>
  );
}

/** One past meeting's decisions, loaded when its row is opened. */
function MeetingDecisions({ id }: { id: string }) {
  const t = useT();
  const m = useAsync((signal) => api(`/api/dispute-meetings/${id}`, { schema: DisputeMeeting, signal }), [id]);
  return (
    <AsyncGate state={m}>
      {(meeting) => (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('dmeet.attendees')}>{meeting.attendees}</Descriptions.Item>
          {meeting.decisions.map((d) => (
            <Descriptions.Item key={d.caseId} label={<Link to={`/disputes/${d.caseId}`}>{`${d.number} ${d.title}`}</Link>}>
              {d.decision}
              {d.assignee ? <Typography.Text type="secondary">{` —— ${d.assignee}`}</Typography.Text> : null}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </AsyncGate>
  );
}

function PastMeetings({ areaCode }: { areaCode: string | undefined }) {
  const t = useT();
  const query = usePagedQuery('/api/dispute-meetings', MeetingPage, { areaCode });
  return (
    <PagedTable
      query={query}
      rowKey="id"
      data-testid="meeting-list"
      expandable={{ expandedRowRender: (m) => <MeetingDecisions id={m.id} /> }}
      columns={[
        { title: t('dmeet.date'), dataIndex: 'date', width: 120 },
        { title: t('dispute.area'), dataIndex: 'areaName', width: 140 },
        { title: t('dmeet.decisions'), dataIndex: 'decisionCount', width: 90 },
        { title: t('dmeet.attendees'), dataIndex: 'attendees', ellipsis: true },
        { title: t('dmeet.recordedBy'), dataIndex: 'createdBy', width: 160, render: (v: string | null, m) => `${v ?? '—'} · ${fmtTime(m.createdAt)}` },
      ]}
    />
  );
}

/** 联席会 of a 镇/街道: today's agenda and decisions, and the meetings held before. */
function Meetings() {
  const t = useT();
  const [areaCode, setAreaCode] = useState<string | undefined>();
  // Bumped on each meeting recorded: the past meetings list is mounted afresh and shows it.
  const [recorded, setRecorded] = useState(0);
  return (
    <Card title={t('dmeet.title')} extra={<ScopeAreaInput width={280} onChange={setAreaCode} testid="meeting-area" />} data-testid="meetings-page">
      <Tabs
        items={[
          { key: 'agenda', label: t('dmeet.agenda'), children: <Agenda areaCode={areaCode} onRecorded={() => setRecorded((n) => n + 1)} /> },
          { key: 'past', label: <span data-testid="meeting-past-tab">{t('dmeet.past')}</span>, children: <PastMeetings key={recorded} areaCode={areaCode} /> },
        ]}
      />
    </Card>
  );
}

export default function MeetingsPage() {
  return (
    <Guard need="dispute.manage">
      <Meetings />
    </Guard>
  );
}
