import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { MatterDetail, type MatterAction, type MatterDetail as MatterDetailT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { matterActionKey, timelineKey, useT } from '../../i18n';
import { RecordPage } from '../../components/record';
import { MatterActionModal } from '../matters/ActionModal';
import { AttachmentList, fmtTime, StateTag } from '../matters/shared';
import { markPublicChanged, RatingTag, StepTimeline, type Step } from './shared';

/** What a reporter may do with their own matter, in the order offered. */
const REPORTER_ACTIONS: MatterAction[] = ['rate', 'follow_up', 'withdraw'];

function isRating(v: unknown): v is NonNullable<MatterDetailT['rating']> {
  return v === 'satisfied' || v === 'basically_satisfied' || v === 'unsatisfied';
}

function MyMatterView({ record, reload }: { record: MatterDetailT; reload: () => void }) {
  const t = useT();
  const [m, setM] = useState(record);
  useEffect(() => setM(record), [record]);
  const [action, setAction] = useState<MatterAction | null>(null);
  const actions = REPORTER_ACTIONS.filter((a) => m.actions.includes(a));
  const shownInPublic = m.publicity.public && !m.publicity.hidden && !m.publicity.abuse;
  const steps: Step[] = m.timeline.map((e) => ({
    key: e.id,
    at: e.at,
    action: e.action,
    label: [t(timelineKey(e.action)), e.unitName].filter(Boolean).join(' · '),
    reply: e.action === 'reply' ? e.note : null,
    note: e.action === 'reply' ? null : e.note,
    rating: e.action === 'rate' && isRating(e.data?.rating) ? e.data.rating : null,
  }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-matter" data-state={m.state} data-number={m.number}>
      <Card size="small">
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <StateTag state={m.state} testid="my-matter-state" />
          <RatingTag rating={m.rating} />
          <Tag color={shownInPublic ? 'blue' : 'default'} data-testid="my-matter-publicity">
            {t(shownInPublic ? 'pub.isPublic' : m.publicity.public ? 'pub.isHidden' : 'pub.isPrivate')}
          </Tag>
        </Space>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>
          {m.title}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.description}</Typography.Paragraph>
        {m.attachments.length ? (
          <div style={{ marginBottom: 8 }}>
            <AttachmentList items={m.attachments} />
          </div>
        ) : null}
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('matter.number')}>
            <span data-testid="my-matter-number">{m.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('matter.address')}>
            {m.address} · {m.areaName}
          </Descriptions.Item>
          <Descriptions.Item label={t('matter.category')}>{m.categoryName ?? t('pub.notClassified')}</Descriptions.Item>
          <Descriptions.Item label={t('matter.createdAt')}>{fmtTime(m.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('matter.assigned')}>{m.assignedUnit?.name ?? '—'}</Descriptions.Item>
          {m.ratingComment ? <Descriptions.Item label={t('matter.ratingComment')}>{m.ratingComment}</Descriptions.Item> : null}
        </Descriptions>
        {shownInPublic ? (
          <Link to={`/public/matters/${m.number}`} data-testid="my-matter-public-link">
            {t('pub.openPublic')}
          </Link>
        ) : null}
      </Card>
      {actions.length ? (
        <Space wrap data-testid="action-bar">
          {actions.map((a) => (
            <Button key={a} type={a === 'rate' ? 'primary' : 'default'} danger={a === 'withdraw'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
              {t(matterActionKey(a))}
            </Button>
          ))}
        </Space>
      ) : null}
      <Card size="small" title={t('pub.progress')}>
        <StepTimeline steps={steps} />
      </Card>
      <MatterActionModal matter={m} action={action} onClose={() => setAction(null)} onChanged={(next) => {
          markPublicChanged();
          setM(next);
        }}
        reload={reload}
      />
    </Space>
  );
}

/** The citizen's own matter, /public/mine/{id}: every step, official replies, and what they may do now. */
export default function MyMatterPage() {
  return (
    <RecordPage need="matter.read" load={(id, signal) => api(`/api/matters/${encodeURIComponent(id)}`, { schema: MatterDetail, signal })}>
      {(record, reload) => <MyMatterView record={record} reload={reload} />}
    </RecordPage>
  );
}
