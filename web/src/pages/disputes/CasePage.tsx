import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { DisputeDetail, type DisputeAction, type DisputeDetail as DisputeDetailT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { errorText } from '../../components/common';
import { RecordPage } from '../../components/record';
import { fmtTime, fromNow } from '../matters/shared';
import { chainKindsNow } from './ActionFields';
import { CaseActionModal, isFormAction, type Step } from './CaseActions';
import { ChainCard, DocumentsCard, OutcomeCard, PartiesCard, SessionsCard, TimelineCard } from './CaseSections';
import { dActionKey, dMediationKey, dSourceKey, dTypeKey } from './labels';
import { DisputeStateTag, fmtYuan, LevelTag, RiskTags } from './shared';

/** Steps taken from a row of their own (a term, a chain step), not the action bar; the agreement from the documents card. */
const INLINE: DisputeAction[] = ['record_performance', 'record_chain_result'];
const PRIMARY: DisputeAction[] = ['assign', 'record_session', 'settle', 'close'];
const DANGER: DisputeAction[] = ['fail', 'withdraw', 'terminate', 'escalate'];

function CaseView({ record, reload }: { record: DisputeDetailT; reload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [c, setC] = useState(record);
  useEffect(() => setC(record), [record]);
  const [step, setStep] = useState<Step | null>(null);
  const [generating, setGenerating] = useState(false);
  // A chain step is offered only when one may start now (the shared chain rules).
  const bar = c.actions.filter(isFormAction).filter((a) => !INLINE.includes(a) && (a !== 'add_chain_step' || chainKindsNow(c).length > 0));
  const active = c.mediators.filter((m) => !m.releasedAt);

  const generate = () => {
    setGenerating(true);
    api(`/api/disputes/${c.id}/actions`, { method: 'POST', body: { action: 'generate_agreement' }, schema: DisputeDetail })
      .then(
        (next) => {
          setC(next);
          void message.success(t('dispute.agreementReady'));
        },
        (e: unknown) => void message.error(errorText(t, e)),
      )
      .finally(() => setGenerating(false));
  };

  return (
    <Row gutter={16} data-testid="dispute-page" data-state={c.state} data-level={c.level}>
      <Col xs={24} xl={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space wrap size={6}>
                <Typography.Text type="secondary" data-testid="dispute-number">
                  {c.number}
                </Typography.Text>
                <span data-testid="dispute-title">{c.title}</span>
                <DisputeStateTag state={c.state} testid="dispute-state" />
                <LevelTag level={c.level} area={c.levelArea.name} />
                <RiskTags risk={c.riskLevel} volatile={c.volatile} />
                {c.overdue ? <Tag color="red">{t('dispute.overdue')}</Tag> : null}
                {c.escalationCount > 0 ? <Tag color="volcano">{t('dispute.escalated', { n: c.escalationCount })}</Tag> : null}
              </Space>
            }
            extra={
              <Button size="small" onClick={reload} data-testid="dispute-refresh">
                {t('matter.refresh')}
              </Button>
            }
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</Typography.Paragraph>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('dispute.source')}>{t(dSourceKey(c.source))}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.type')}>{t(dTypeKey(c.type))}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.area')}>{c.areaName}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.address')}>{c.address}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.amount')}>{fmtYuan(c.amountYuan)}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.people')}>{c.peopleInvolved}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.mediationType')}>{t(dMediationKey(c.mediationType))}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.unit')}>{c.unit?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dispute.studio')}>
                {c.studio ? <Link to={`/disputes/studios/${c.studio.id}`}>{c.studio.name}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('dispute.mediators')}>
                <span data-testid="dispute-mediators">
                  {active.length
                    ? active.map((m, i) => (
                        <span key={m.id}>
                          {i > 0 ? '、' : ''}
                          <Link to={`/disputes/mediators/${m.id}`}>{m.name}</Link>
                        </span>
                      ))
                    : '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('dispute.levelDue')}>
                {c.levelDueAt ? (
                  <span>
                    {fmtTime(c.levelDueAt)}{' '}
                    <Typography.Text type={c.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      ({fromNow(c.levelDueAt)})
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('dispute.createdAt')}>{fmtTime(c.createdAt)}</Descriptions.Item>
              {c.matterId ? (
                <Descriptions.Item label={t('dispute.matter')} span={2}>
                  <Link to={`/matters/${c.matterId}`}>{t('dispute.openMatter')}</Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <PartiesCard c={c} />
          <SessionsCard c={c} open={setStep} />
          <OutcomeCard c={c} open={setStep} />
          <ChainCard c={c} open={setStep} />
          <TimelineCard c={c} />
        </Space>
      </Col>
      <Col xs={24} xl={8}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('matter.actionsTitle')} size="small" data-testid="daction-bar">
            {bar.length === 0 ? (
              <Typography.Text type="secondary">{t('matter.noActions')}</Typography.Text>
            ) : (
              <Space wrap>
                {bar.map((a) => (
                  <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} data-testid={`daction-${a}`} onClick={() => setStep({ action: a })}>
                    {t(dActionKey(a))}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <DocumentsCard c={c} generate={generate} busy={generating} />
        </Space>
      </Col>
      <CaseActionModal c={c} step={step} onClose={() => setStep(null)} onChanged={setC} reload={reload} />
    </Row>
  );
}

export default function CasePage() {
  return (
    <RecordPage need="dispute.read" load={(id, signal) => api(`/api/disputes/${encodeURIComponent(id)}`, { schema: DisputeDetail, signal })}>
      {(record, reload) => <CaseView record={record} reload={reload} />}
    </RecordPage>
  );
}
