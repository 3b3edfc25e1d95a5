import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Typography } from 'antd';
import {
  MATTER_TRANSITIONS,
  MatterDetail,
  RATINGS,
  TriageSuggestion,
  URGENCIES,
  type Attachment,
  type MatterAction,
  type MatterActionBody,
  type MatterDetail as MatterDetailT,
  type Rating,
  type TriageSuggestion as TriageSuggestionT,
  type Urgency,
} from '@fengqiao/shared';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../api/client';
import { matterActionKey, ratingKey, urgencyKey, useT } from '../../i18n';
import { ErrorAlert, useAsync } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { DuplicateList } from './DuplicateList';
import { PublicReplyHint } from './PublicityPanel';
import { ReplyCheckAlert, useReplyGate } from './ReplyCheck';
import { AttachmentUpload, CategoryCascader, fmtTime, fromNow, UnitsSelect } from './shared';
import { TriageCategorySuggestions } from '../classification/TriageCategorySuggestions';

interface Values {
  note?: string;
  attachments?: Attachment[];
  categoryCode?: string;
  unitId?: string | null;
  urgency?: Urgency;
  days?: number;
  approve?: boolean;
  unitIds?: string[];
  reportWithinHours?: number;
  rating?: Rating;
  comment?: string;
  dueAt?: Dayjs | null;
  targetId?: string;
}

const WITH_PHOTOS: MatterAction[] = ['reply', 'verify_pass', 'verify_fail', 'comment'];

function bodyOf(action: MatterAction, v: Values): MatterActionBody {
  const note = v.note?.trim() || undefined;
  const base = { note, attachmentIds: (v.attachments ?? []).map((a) => a.id) };
  switch (action) {
    case 'dispatch':
      return { action, categoryCode: v.categoryCode!, unitId: v.unitId!, urgency: v.urgency, ...base };
    case 'transfer':
      return { action, unitId: v.unitId!, ...base };
    case 'request_extension':
      return { action, days: v.days!, ...base };
    case 'decide_extension':
      return { action, approve: !!v.approve, ...base };
    case 'add_assist':
      return { action, unitIds: v.unitIds ?? [], ...base };
    case 'summon':
      return { action, unitIds: v.unitIds ?? [], reportWithinHours: v.reportWithinHours!, ...base };
    case 'rate':
      return { action, rating: v.rating!, comment: v.comment?.trim() || undefined };
    case 'supervise':
      return { action, dueAt: v.dueAt ? v.dueAt.toISOString() : undefined, ...base };
    case 'merge':
      return { action, targetId: v.targetId!, ...base };
    default:
      return { action, ...base } as MatterActionBody;
  }
}

/** 三定: suggested unit with its routing rule, deadlines, likely duplicates; refetches when category/urgency change. */
function TriagePanel({
  matter,
  categoryCode,
  urgency,
  onSuggestion,
  onMerge,
}: {
  matter: MatterDetailT;
  categoryCode: string | undefined;
  urgency: Urgency | undefined;
  onSuggestion: (s: TriageSuggestionT) => void;
  onMerge: (targetId: string) => void;
}) {
  const t = useT();
  const s = useAsync(
    (signal) => api(`/api/matters/${matter.id}/triage`, { query: { categoryCode, urgency }, schema: TriageSuggestion, signal }),
    [matter.id, categoryCode, urgency],
  );
  useEffect(() => {
    if (s.data) onSuggestion(s.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.data]);
  if (s.error) return <ErrorAlert error={s.error} />;
  if (!s.data) return <Spin />;
  const d = s.data;
  return (
    <div data-testid="triage-panel" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('matter.suggestedUnit')}>
          {d.unit ? <b data-testid="triage-unit">{d.unit.name}</b> : <Typography.Text type="warning">{t('matter.noSuggestion')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.routing')}>
          <span data-testid="triage-explanation">{d.routing.explanation}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.acceptDue')}>
          {fmtTime(d.acceptDueAt)} <small>({fromNow(d.acceptDueAt)})</small>
        </Descriptions.Item>
        <Descriptions.Item label={t('matter.due')}>
          {fmtTime(d.dueAt)} <small>({fromNow(d.dueAt)})</small>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('matter.duplicates')}
      </Typography.Title>
      {d.duplicates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matter.noDuplicates')} />
      ) : (
        <DuplicateList items={d.duplicates} onMerge={onMerge} />
      )}
    </div>
  );
}

/** One modal for every lifecycle action: the fields that action needs, then POST /actions. */
export function ActionModal({
  matter,
  action,
  onClose,
  onDone,
  onConflict,
}: {
  matter: MatterDetailT;
  action: MatterAction | null;
  onClose: () => void;
  onDone: (m: MatterDetailT) => void;
  onConflict: (message: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [suggestedUnit, setSuggestedUnit] = useState<{ id: string; name: string } | null>(null);
  const categoryCode = Form.useWatch('categoryCode', form);
  const urgency = Form.useWatch('urgency', form);
  const note = Form.useWatch('note', form);
  // 反馈: the reply check runs on submit; with flags, the next submit of the same text goes through.
  const replyGate = useReplyGate(matter.id, action);

  useEffect(() => {
    if (!action) return;
    setError(null);
    setSuggestedUnit(null);
    form.resetFields();
    form.setFieldsValue({
      categoryCode: matter.categoryCode ?? undefined,
      urgency: matter.urgency,
      approve: true,
      days: 3,
      reportWithinHours: 24,
      attachments: [],
    });
  }, [action, matter, form]);

  const submit = async (body: MatterActionBody) => {
    setBusy(true);
    setError(null);
    try {
      const m = await api(`/api/matters/${matter.id}/actions`, { method: 'POST', body, schema: MatterDetail });
      onDone(m);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        onConflict(e.message);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  if (!action) return null;
  const needsNote = 'needsNote' in MATTER_TRANSITIONS[action] && MATTER_TRANSITIONS[action].needsNote === true;
  const hasNote = action !== 'rate';

  return (
    <Modal
      open
      width={action === 'dispatch' ? 720 : 520}
      title={t(matterActionKey(action))}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="s" type="primary" loading={busy || replyGate.busy} onClick={() => form.submit()} data-testid="action-submit">
          {replyGate.flaggedFor(note) ? t('replyCheck.submitAnyway') : t(matterActionKey(action))}
        </Button>,
      ]}
    >
      {error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values> form={form} layout="vertical" data-testid="action-form" onFinish={(v) => void replyGate.pass(v.note?.trim() ?? '').then((ok) => (ok ? submit(bodyOf(action, v)) : undefined))}>
        {action === 'dispatch' ? (
          <>
            <Space wrap style={{ width: '100%' }}>
              <Form.Item name="categoryCode" label={t('matter.category')} rules={[{ required: true }]} style={{ minWidth: 320 }}>
                <CategoryCascader testid="action-category" />
              </Form.Item>
              <Form.Item name="urgency" label={t('matter.urgency')}>
                <Radio.Group options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))} />
              </Form.Item>
            </Space>
            <TriageCategorySuggestions matterId={matter.id} value={categoryCode} autoPick={!matter.categoryCode} onPick={(code) => form.setFieldValue('categoryCode', code)} />
            <TriagePanel
              matter={matter}
              categoryCode={categoryCode}
              urgency={urgency}
              onSuggestion={(s) => {
                setSuggestedUnit(s.unit);
                if (s.unit) form.setFieldValue('unitId', s.unit.id);
              }}
              onMerge={(targetId) => void submit({ action: 'merge', targetId, note: form.getFieldValue('note')?.trim() || undefined, attachmentIds: [] })}
            />
            <Form.Item name="unitId" label={t('matter.unit')} rules={[{ required: true }]}>
              <UnitSelect initialLabel={suggestedUnit?.name ?? null} testid="action-unit" />
            </Form.Item>
          </>
        ) : null}
        {action === 'transfer' ? (
          <Form.Item name="unitId" label={t('matter.unit')} rules={[{ required: true }]}>
            <UnitSelect testid="action-unit" />
          </Form.Item>
        ) : null}
        {action === 'request_extension' ? (
          <Form.Item name="days" label={t('matter.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} data-testid="action-days" />
          </Form.Item>
        ) : null}
        {action === 'decide_extension' ? (
          <>
            {matter.extensionRequest ? (
              <Alert
                type="info"
                style={{ marginBottom: 12 }}
                title={t('matter.extensionPending', { days: matter.extensionRequest.days, note: matter.extensionRequest.note })}
              />
            ) : null}
            <Form.Item name="approve" label={t('matter.approve')}>
              <Radio.Group
                options={[
                  { value: true, label: t('matter.approveYes') },
                  { value: false, label: t('matter.approveNo') },
                ]}
              />
            </Form.Item>
          </>
        ) : null}
        {action === 'add_assist' || action === 'summon' ? (
          <UnitsField />
        ) : null}
        {action === 'summon' ? (
          <Form.Item name="reportWithinHours" label={t('matter.reportWithinHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={72} />
          </Form.Item>
        ) : null}
        {action === 'rate' ? (
          <>
            <Form.Item name="rating" label={t('matter.rating')} rules={[{ required: true }]}>
              <Radio.Group data-testid="rate-rating">
                {RATINGS.map((r) => (
                  <Radio key={r} value={r} data-testid={`rating-${r}`}>
                    {t(ratingKey(r))}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('matter.ratingComment')}>
              <Input.TextArea rows={3} maxLength={500} data-testid="rate-comment" />
            </Form.Item>
          </>
        ) : null}
        {action === 'supervise' ? (
          <Form.Item name="dueAt" label={t('matter.superviseDue')}>
            <DatePicker showTime />
          </Form.Item>
        ) : null}
        {action === 'merge' ? <MergeTarget matter={matter} /> : null}
        {action === 'reply' ? <PublicReplyHint matter={matter} /> : null}
        {hasNote ? (
          <Form.Item
            name="note"
            label={t('matter.note')}
            rules={needsNote ? [{ required: true, whitespace: true, message: t('matter.noteRequired') }, { max: 2000 }] : [{ max: 2000 }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
          </Form.Item>
        ) : null}
        {action === 'reply' ? <ReplyCheckAlert gate={replyGate} text={note} /> : null}
        {WITH_PHOTOS.includes(action) ? (
          <Form.Item name="attachments" label={t('matter.attachments')}>
            <AttachmentUpload testid="action-upload" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function UnitsField() {
  const t = useT();
  return (
    <Form.Item name="unitIds" label={t('matter.units')} rules={[{ required: true }]}>
      <UnitsSelectTestid />
    </Form.Item>
  );
}

function UnitsSelectTestid(props: { value?: string[]; onChange?: (v: string[]) => void }) {
  return <UnitsSelect {...props} testid="action-units" />;
}

/** 并单 target: one of the triage duplicates, or a matter id typed in. */
function MergeTarget({ matter }: { matter: MatterDetailT }) {
  const t = useT();
  const s = useAsync((signal) => api(`/api/matters/${matter.id}/triage`, { schema: TriageSuggestion, signal }), [matter.id]);
  const options = (s.data?.duplicates ?? []).map((m) => ({ value: m.id, label: `${m.number} ${m.title}` }));
  return (
    <Form.Item name="targetId" label={t('matter.mergeTarget')} rules={[{ required: true }, { pattern: /^[0-9a-f-]{36}$/i }]}>
      {options.length ? <Select options={options} data-testid="action-merge-target" /> : <Input placeholder={t('matter.mergeTargetId')} data-testid="action-merge-target" />}
    </Form.Item>
  );
}

/**
 * ActionModal with the usual outcome: on success a message and the changed matter (`onChanged`);
 * when the matter changed meanwhile (409) a warning and `reload`.
 */
export function MatterActionModal({
  matter,
  action,
  onClose,
  onChanged,
  reload,
}: {
  matter: MatterDetailT;
  action: MatterAction | null;
  onClose: () => void;
  onChanged: (m: MatterDetailT) => void;
  reload: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <ActionModal
      matter={matter}
      action={action}
      onClose={onClose}
      onDone={(next) => {
        void message.success(t('matter.actionDone', { action: t(matterActionKey(action!)) }));
        onClose();
        onChanged(next);
      }}
      onConflict={(msg) => {
        void message.warning(t('matter.conflict', { message: msg }));
        onClose();
        reload();
      }}
    />
  );
}
