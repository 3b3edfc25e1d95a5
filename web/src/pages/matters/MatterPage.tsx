import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { AreaDetail, MatterDetail, ReporterContact, type MatterAction, type MatterDetail as MatterDetailT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { channelKey, matterActionKey, ratingKey, referralKey, stateKey, timelineKey, useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { RecordPage } from '../../components/record';
import { MatterActionModal } from './ActionModal';
import { MatterMap } from './MatterMap';
import { PublicityPanel } from './PublicityPanel';
import { AttachmentList, attachmentRefs, fmtTime, fromNow, PublicTag, StateTag, UrgencyTag, WarningTag } from './shared';

const DANGER: MatterAction[] = ['return', 'void', 'withdraw', 'verify_fail', 'escalate'];
const PRIMARY: MatterAction[] = ['dispatch', 'accept', 'reply', 'verify_pass', 'rate', 'report_in'];

function Deadline({ at }: { at: string | null }) {
  if (!at) return <>—</>;
  const overdue = new Date(at).getTime() < Date.now();
  return (
    <span>
      {fmtTime(at)}{' '}
      <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        ({fromNow(at)})
      </Typography.Text>
    </span>
  );
}

function MatterView({ record, reload }: { record: MatterDetailT; reload: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const [m, setM] = useState(record);
  useEffect(() => setM(record), [record]);
  const [action, setAction] = useState<MatterAction | null>(null);

  const grid = useAsync(
    (signal) =>
      m.gridCode && can('area.read') ? api(`/api/areas/${encodeURIComponent(m.gridCode)}`, { schema: AreaDetail, signal }).catch(() => undefined) : Promise.resolve(undefined),
    [m.gridCode],
  );
  const point: [number, number] | null = m.lon !== null && m.lat !== null ? [m.lon, m.lat] : null;

  const attachments = m.attachments;

  return (
    <Row gutter={16} data-testid="matter-page" data-state={m.state} data-reopen-count={m.reopenCount}>
      <Col xs={24} xl={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space wrap size={6}>
                <Typography.Text type="secondary" data-testid="matter-number">
                  {m.number}
                </Typography.Text>
                <span data-testid="matter-title">{m.title}</span>
                <StateTag state={m.state} testid="matter-state" />
                <WarningTag warning={m.warning} />
                <UrgencyTag urgency={m.urgency} />
                {m.public ? <PublicTag isPublic /> : null}
                {m.supervised ? <Tag color="red">{t('matter.supervised')}</Tag> : null}
                {m.reopenCount > 0 ? (
                  <Tag color="orange" data-testid="matter-reopen">
                    {t('matter.reopened', { n: m.reopenCount })}
                  </Tag>
                ) : null}
              </Space>
            }
            extra={
              <Button onClick={reload} size="small" data-testid="matter-refresh">
                {t('matter.refresh')}
              </Button>
            }
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="matter-description">
              {m.description}
            </Typography.Paragraph>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('matter.channel')}>
                {t(channelKey(m.channel))}
                {m.referralSource ? `（${t(referralKey(m.referralSource))}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('matter.category')}>{m.categoryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matter.address')}>{m.address}</Descriptions.Item>
              <Descriptions.Item label={t('matter.area')}>
                {m.areaName}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {m.gridCode ?? m.areaCode}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('matter.reporter')}>
                <span data-testid="matter-reporter">
                  {m.reporter.anonymous ? t('matter.anonymous') : (m.reporter.name ?? '—')}
                  {m.reporter.contactMasked ? ` · ${m.reporter.contactMasked}` : ''}
                </span>
                {m.reporter.canRevealContact ? <RevealContact matterId={m.id} /> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('matter.createdAt')}>{fmtTime(m.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('matter.owner')}>{m.ownerUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t('matter.assigned')}>
                <span data-testid="matter-assigned">{m.assignedUnit?.name ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('matter.acceptDue')}>
                <Deadline at={m.acceptDueAt} />
              </Descriptions.Item>
              <Descriptions.Item label={t('matter.due')}>
                <Deadline at={m.dueAt} />
              </Descriptions.Item>
              {m.routing ? (
                <Descriptions.Item label={t('matter.routing')} span={2}>
                  <span data-testid="matter-routing">{m.routing.explanation}</span>
                </Descriptions.Item>
              ) : null}
              {m.extensionRequest ? (
                <Descriptions.Item label={t('mact.request_extension')} span={2}>
                  {t('matter.extensionPending', { days: m.extensionRequest.days, note: m.extensionRequest.note })}
                </Descriptions.Item>
              ) : null}
              {m.rating ? (
                <Descriptions.Item label={t('matter.rating')} span={2}>
                  <span data-testid="matter-rating">{t(ratingKey(m.rating))}</span>
                  {m.ratingComment ? ` · ${m.ratingComment}` : ''}
                </Descriptions.Item>
              ) : null}
              {m.mergedIntoId ? (
                <Descriptions.Item label={t('matter.mergedInto')} span={2}>
                  <Link to={`/matters/${m.mergedIntoId}`}>{m.mergedIntoId}</Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>

          <Card title={t('matter.timeline')} size="small">
            <Timeline
              data-testid="matter-timeline"
              items={[...m.timeline].reverse().map((e) => ({
                key: e.id,
                color: e.toState === 'closed' || e.toState === 'rated' ? 'green' : e.action === 'reopened' || e.action === 'verify_fail' || e.action === 'return' ? 'red' : 'blue',
                content: (
                  <div data-testid="timeline-entry" data-action={e.action}>
                    <Space wrap size={4}>
                      <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
                      <b>{t(timelineKey(e.action))}</b>
                      {e.fromState && e.toState && e.fromState !== e.toState ? (
                        <Typography.Text type="secondary">{t('matter.from', { from: t(stateKey(e.fromState)), to: t(stateKey(e.toState)) })}</Typography.Text>
                      ) : !e.fromState && e.toState ? (
                        <Typography.Text type="secondary">→ {t(stateKey(e.toState))}</Typography.Text>
                      ) : null}
                      <Typography.Text type="secondary">
                        {[e.actorName, e.unitName].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </Space>
                    {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                    {e.attachmentIds.length ? (
                      <div style={{ marginTop: 4 }}>
                        <AttachmentList items={attachmentRefs(e.attachmentIds, m.attachments)} />
                      </div>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} xl={8}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('matter.actionsTitle')} size="small" data-testid="action-bar">
            {m.actions.length === 0 ? (
              <Typography.Text type="secondary">{t('matter.noActions')}</Typography.Text>
            ) : (
              <Space wrap>
                {m.actions.map((a) => (
                  <Button
                    key={a}
                    type={PRIMARY.includes(a) ? 'primary' : 'default'}
                    danger={DANGER.includes(a)}
                    data-testid={`action-${a}`}
                    onClick={() => setAction(a)}
                  >
                    {t(matterActionKey(a))}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <PublicityPanel matter={m} onChanged={setM} />
          <Card title={t('matter.map')} size="small">
            {point || grid.data ? (
              <MatterMap polygon={grid.data?.geometry ?? null} point={point} height={260} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matter.noPoint')} />
            )}
          </Card>
          <Card title={t('matter.attachments')} size="small" data-testid="matter-attachments">
            {attachments.length ? <AttachmentList items={attachments} /> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          </Card>
          {m.assists.length || m.summons.length ? (
            <Card title={t('matter.summons')} size="small">
              {m.assists.length ? (
                <div style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">{t('matter.assists')}：</Typography.Text>
                  {m.assists.map((u) => (
                    <Tag key={u.id}>{u.name}</Tag>
                  ))}
                </div>
              ) : null}
              <List
                size="small"
                dataSource={m.summons}
                renderItem={(s) => (
                  <List.Item data-testid="summon-row">
                    <span>{s.name}</span>
                    {s.reportedAt ? (
                      <Tag color="green">{t('matter.summonReported', { at: fmtTime(s.reportedAt) })}</Tag>
                    ) : (
                      <Tag color={new Date(s.dueAt).getTime() < Date.now() ? 'red' : 'default'}>{t('matter.summonPending', { due: fmtTime(s.dueAt) })}</Tag>
                    )}
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          {m.supervisions.length ? (
            <Card title={t('matter.supervisions')} size="small">
              <List
                size="small"
                dataSource={m.supervisions}
                renderItem={(s) => (
                  <List.Item>
                    <Space orientation="vertical" size={0}>
                      <span>
                        <b>{s.byName}</b> · {fmtTime(s.at)}
                      </span>
                      <span>{s.note}</span>
                      {s.dueAt ? <Typography.Text type="danger">{t('matter.supervisionDue', { due: fmtTime(s.dueAt) })}</Typography.Text> : null}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Space>
      </Col>
      <MatterActionModal matter={m} action={action} onClose={() => setAction(null)} onChanged={setM} reload={reload} />
    </Row>
  );
}

export default function MatterPage() {
  return (
    <RecordPage need="matter.read" load={(id, signal) => api(`/api/matters/${encodeURIComponent(id)}`, { schema: MatterDetail, signal })}>
      {(record, reload) => <MatterView record={record} reload={reload} />}
    </RecordPage>
  );
}

/** The full number, fetched on demand: each reading is audited on the server, so it is never loaded by default. */
function RevealContact({ matterId }: { matterId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  if (phone) return <Typography.Text copyable data-testid="reporter-phone">{` ${phone}`}</Typography.Text>;
  const reveal = () =>
    api(`/api/matters/${matterId}/reporter-contact`, { schema: ReporterContact }).then(
      (c) => setPhone(c.phone),
      (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)),
    );
  return (
    <Button type="link" size="small" onClick={() => void reveal()} data-testid="reveal-contact">
      {t('matter.revealContact')}
    </Button>
  );
}
