import { useState } from 'react';
import { App, Button, Card, Empty, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { PartyIdentity, type DisputeDetail } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { errorText } from '../../components/common';
import { AttachmentList, fmtTime } from '../matters/shared';
import type { Step } from './CaseActions';
import { dChainKey, dKindKey, dLevelKey, dPathKey, dResultKey, dRoleKey, dStateKey, dTimelineKey } from './labels';

type D = DisputeDetail;
type Open = (step: Step) => void;
type Identity = z.infer<typeof PartyIdentity>;

/** Parties as shown to everyone (masked); the full identity is read on demand, each reading audited. */
export function PartiesCard({ c }: { c: D }) {
  const t = useT();
  const { message } = App.useApp();
  const [full, setFull] = useState<Record<string, Identity>>({});
  const reveal = (partyId: string) =>
    api(`/api/disputes/${c.id}/parties/${partyId}/identity`, { schema: PartyIdentity }).then(
      (p) => setFull((f) => ({ ...f, [partyId]: p })),
      (e: unknown) => void message.error(errorText(t, e)),
    );
  return (
    <Card title={t('dispute.parties')} size="small" data-testid="dispute-parties">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.parties}
        onRow={(p) => ({ 'data-testid': 'party', 'data-party': p.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('dispute.partyRole'), dataIndex: 'role', width: 90, render: (r: D['parties'][number]['role']) => t(dRoleKey(r)) },
          { title: t('dispute.partyKind'), dataIndex: 'kind', width: 110, render: (k: D['parties'][number]['kind']) => t(dKindKey(k)) },
          { title: t('dispute.partyName'), key: 'name', render: (_, p) => <span data-testid="party-name">{full[p.id]?.name ?? p.name}</span> },
          { title: t('dispute.partyId'), key: 'id', render: (_, p) => <span data-testid="party-id">{full[p.id] ? (full[p.id]!.idNumber ?? '—') : (p.idNumberMasked ?? '—')}</span> },
          { title: t('dispute.partyPhone'), key: 'phone', render: (_, p) => (full[p.id] ? (full[p.id]!.phone ?? '—') : (p.phoneMasked ?? '—')) },
          {
            title: '',
            key: 'reveal',
            width: 110,
            render: (_, p) =>
              c.canRevealParties && !full[p.id] ? (
                <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => void reveal(p.id)} data-testid="party-reveal">
                  {t('dispute.showFull')}
                </Button>
              ) : null,
          },
        ]}
      />
      {c.canRevealParties ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dispute.revealAudited')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** Sessions, scheduled and held, each at the level it happened at; minutes are recorded on a scheduled one. */
export function SessionsCard({ c, open }: { c: D; open: Open }) {
  const t = useT();
  const canRecord = c.actions.includes('record_session');
  return (
    <Card title={t('dispute.sessions')} size="small" data-testid="dispute-sessions">
      <List
        size="small"
        dataSource={c.sessions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispute.noSessionsYet')} /> }}
        renderItem={(s) => (
          <List.Item
            data-testid="session"
            data-held={s.heldAt ? 'yes' : 'no'}
            actions={
              canRecord
                ? [
                    <Button key="r" size="small" onClick={() => open({ action: 'record_session', session: s })} data-testid="session-record">
                      {s.minutes ? t('dispute.editMinutes') : t('dispute.recordMinutes')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <b>{fmtTime(s.at)}</b>
                <span>{s.place}</span>
                {s.onSite ? <Tag>{t('dispute.onSite')}</Tag> : null}
                <Tag color="geekblue">{t(dLevelKey(s.level))}</Tag>
                {s.heldAt ? <Tag color="green">{t('dispute.sessionHeld')}</Tag> : <Tag color="orange">{t('dispute.sessionScheduled')}</Tag>}
              </Space>
              {s.participants.length ? (
                <Typography.Text type="secondary">
                  {t('dispute.participants')}：{s.participants.join('、')}
                </Typography.Text>
              ) : null}
              {s.minutes ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="session-minutes-text">
                  {s.minutes}
                  {s.recordedBy ? <Typography.Text type="secondary"> —— {s.recordedBy}</Typography.Text> : null}
                </Typography.Paragraph>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The outcome: 调解成功 with each term and its 履行; 调解不成 with the path shown to the parties. */
export function OutcomeCard({ c, open }: { c: D; open: Open }) {
  const t = useT();
  if (c.terms.length === 0 && !c.failedPath) return null;
  const canPerform = c.actions.includes('record_performance');
  return (
    <Card title={t('dispute.outcome')} size="small" data-testid="dispute-outcome">
      {c.failedPath ? (
        <Typography.Paragraph>
          {t('dispute.failedPath')}：<b>{t(dPathKey(c.failedPath))}</b>
        </Typography.Paragraph>
      ) : null}
      {c.agreedFacts ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.agreedFacts}</Typography.Paragraph> : null}
      {c.terms.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.terms}
          onRow={() => ({ 'data-testid': 'term' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', key: 'i', width: 40, render: (_, __, i) => i + 1 },
            { title: t('dispute.terms'), dataIndex: 'text', render: (v: string) => <span data-testid="term-text">{v}</span> },
            { title: t('dispute.termDue'), dataIndex: 'dueAt', width: 130, render: (v: string | null) => (v ? fmtTime(v).slice(0, 10) : '—') },
            {
              title: t('dispute.performance'),
              key: 'p',
              width: 190,
              render: (_, term) =>
                term.performedAt ? (
                  <Tag color="green">{t('dispute.performedOn', { at: fmtTime(term.performedAt).slice(0, 10) })}</Tag>
                ) : (
                  <Tag color={term.overdue ? 'red' : 'default'}>{term.overdue ? t('dispute.termOverdue') : t('dispute.termPending')}</Tag>
                ),
            },
            {
              title: '',
              key: 'a',
              width: 100,
              render: (_, term) =>
                canPerform ? (
                  <Button size="small" onClick={() => open({ action: 'record_performance', term })} data-testid="term-perform">
                    {t('dact.record_performance')}
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

/** 纠纷调处 → 司法确认 → 诉讼引调 → 诉讼: the steps taken and their results. */
export function ChainCard({ c, open }: { c: D; open: Open }) {
  const t = useT();
  if (c.chain.length === 0) return null;
  const canResult = c.actions.includes('record_chain_result');
  return (
    <Card title={t('dispute.chain')} size="small" data-testid="dispute-chain">
      <List
        size="small"
        dataSource={c.chain}
        renderItem={(s) => (
          <List.Item
            data-testid="chain-step"
            data-result={s.result ?? ''}
            actions={
              canResult && !s.result
                ? [
                    <Button key="r" size="small" onClick={() => open({ action: 'record_chain_result', chainStep: s })} data-testid="chain-result">
                      {t('dact.record_chain_result')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}>
                <b>{t(dChainKey(s.kind))}</b>
                <span>{s.institution}</span>
                {s.caseNumber ? <Typography.Text type="secondary">{s.caseNumber}</Typography.Text> : null}
                <Typography.Text type="secondary">{fmtTime(s.appliedAt).slice(0, 10)}</Typography.Text>
                {s.result ? <Tag color="blue">{t(dResultKey(s.result))}</Tag> : <Tag>{t('dispute.chainPending')}</Tag>}
              </Space>
              {s.note ? <span>{s.note}</span> : null}
              {s.attachments.length ? <AttachmentList items={s.attachments} /> : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The 调解协议书 (generated from the case as it is now) and the files on the timeline. */
export function DocumentsCard({ c, generate, busy }: { c: D; generate: () => void; busy: boolean }) {
  const t = useT();
  const onTimeline = [...new Set(c.timeline.flatMap((e) => e.attachmentIds))].filter((id) => id !== c.agreement?.id);
  const canGenerate = c.actions.includes('generate_agreement');
  if (!c.agreement && !canGenerate && onTimeline.length === 0) return null;
  return (
    <Card title={t('dispute.documents')} size="small" data-testid="dispute-documents">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {c.agreement ? (
          <a href={c.agreement.url} target="_blank" rel="noreferrer" data-testid="agreement-link">
            <FilePdfOutlined /> {c.agreement.name}
          </a>
        ) : null}
        {canGenerate ? (
          <Button icon={<FilePdfOutlined />} loading={busy} onClick={generate} data-testid="agreement-generate">
            {c.agreement ? t('dispute.regenerateAgreement') : t('dact.generate_agreement')}
          </Button>
        ) : null}
        {onTimeline.map((id, i) => (
          <a key={id} href={`/api/files/${id}`} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {t('dispute.fileN', { n: i + 1 })}
          </a>
        ))}
      </Space>
    </Card>
  );
}

/** Everything that happened, newest first, each with the level the case was at then. */
export function TimelineCard({ c }: { c: D }) {
  const t = useT();
  return (
    <Card title={t('dispute.timeline')} size="small">
      <Timeline
        data-testid="dispute-timeline"
        items={[...c.timeline].reverse().map((e) => ({
          key: e.id,
          color: e.action === 'overdue_escalated' || e.action === 'escalate' || e.action === 'alerted' ? 'red' : e.toState === 'settled' || e.toState === 'closed' ? 'green' : 'blue',
          content: (
            <div data-testid="dtimeline-entry" data-action={e.action} data-level={e.level}>
              <Space wrap size={4}>
                <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
                <Tag color="geekblue">{t(dLevelKey(e.level))}</Tag>
                <b>{t(dTimelineKey(e.action))}</b>
                {e.fromState && e.toState && e.fromState !== e.toState ? (
                  <Typography.Text type="secondary">
                    {t(dStateKey(e.fromState))} → {t(dStateKey(e.toState))}
                  </Typography.Text>
                ) : null}
                {e.actorName ? <Typography.Text type="secondary">{e.actorName}</Typography.Text> : null}
              </Space>
              {typeof e.data?.toArea === 'string' ? <div>{t('dispute.movedTo', { area: e.data.toArea })}</div> : null}
              {e.action === 'meeting_decision' && typeof e.data?.date === 'string' ? (
                <Typography.Text type="secondary">{t('dispute.meetingOf', { date: e.data.date, area: String(e.data.areaName ?? '') })}</Typography.Text>
              ) : null}
              {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
              {typeof e.data?.assignee === 'string' ? <div>{t('dispute.assignee')}：{e.data.assignee}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
