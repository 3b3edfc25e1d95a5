import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { MatterDetail, type MatterDetail as MatterDetailT, type MatterModeration, type ModerationAction } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';
import { ErrorAlert } from '../../components/common';

// A public post (公开诉求) as the staff see it: what the public reads and whether moderation
// changed it, and for those who may moderate it (the owning centre's dispatchers, the 指挥中心 in
// scope; the server's mayModerate says who) the moderation actions, each with its reason.

/** Timeline steps whose images the public page shows (server: modules/public/photos.ts). */
const PHOTO_STEPS = new Set(['created', 'follow_up', 'reply']);

const actionKey = (a: ModerationAction): MessageKey => `mod.action.${a}`;

/** The images the public page shows now: those of the report, follow-ups and replies, less the hidden ones. */
function shownPhotos(m: MatterDetailT) {
  const ids = new Set(m.timeline.filter((e) => PHOTO_STEPS.has(e.action)).flatMap((e) => e.attachmentIds));
  return m.attachments.filter((a) => ids.has(a.id) && a.mime.startsWith('image/') && !m.publicity.hiddenPhotoIds.includes(a.id));
}

/** Whether anyone can read the post: made public, not taken off the feed, still a matter of its own. */
export const shownInPublic = (m: MatterDetailT): boolean =>
  m.publicity.public && !m.publicity.hidden && !m.publicity.abuse && m.state !== 'voided' && m.state !== 'merged';

/** For the reply action: on a public post the reply is the official reply the public reads. */
export function PublicReplyHint({ matter }: { matter: MatterDetailT }) {
  const t = useT();
  if (!matter.publicity.public) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('matter.replyPublicHint')} data-testid="reply-public-hint" />;
}

export function PublicityPanel({ matter, onChanged }: { matter: MatterDetailT; onChanged: (m: MatterDetailT) => void }) {
  const t = useT();
  const [action, setAction] = useState<ModerationAction | null>(null);
  const p = matter.publicity;
  if (!p.public) return null;
  const photos = shownPhotos(matter);
  const offered: ModerationAction[] = [
    ...(p.hidden ? [] : (['hide'] as const)),
    ...(p.hidden || p.abuse ? (['unhide'] as const) : []),
    'redact',
    ...(p.abuse ? [] : (['mark_abuse'] as const)),
    ...(photos.length ? (['hide_photo'] as const) : []),
  ];

  return (
    <Card title={t('mod.title')} size="small" data-testid="publicity-panel" data-hidden={String(p.hidden)} data-abuse={String(p.abuse)}>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag color="blue">{t('mod.public')}</Tag>
        {p.anonymous ? <Tag>{t('mod.anonymous')}</Tag> : null}
        {p.hidden ? <Tag color="red" data-testid="publicity-hidden">{t('mod.hidden')}</Tag> : null}
        {p.abuse ? <Tag color="volcano" data-testid="publicity-abuse">{t('mod.abuse')}</Tag> : null}
        {p.redacted ? <Tag color="gold" data-testid="publicity-redacted">{t('mod.redacted')}</Tag> : null}
        {p.hiddenPhotoIds.length ? <Tag>{t('mod.hiddenPhotos', { n: p.hiddenPhotoIds.length })}</Tag> : null}
      </Space>
      <div style={{ marginBottom: 8 }}>
        {shownInPublic(matter) ? (
          <a href={`/public/matters/${matter.number}`} target="_blank" rel="noreferrer" data-testid="publicity-link">
            {t('mod.openPublic')}
          </a>
        ) : (
          <Typography.Text type="secondary" data-testid="publicity-off">
            {t('mod.offFeed')}
          </Typography.Text>
        )}
      </div>
      {p.redacted ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('mod.publicTitle')}>{p.title ?? matter.title}</Descriptions.Item>
          <Descriptions.Item label={t('mod.publicDescription')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.description ?? matter.description}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {matter.mayModerate ? (
        <Space wrap>
          {offered.map((a) => (
            <Button key={a} size="small" danger={a === 'hide' || a === 'mark_abuse'} onClick={() => setAction(a)} data-testid={`moderate-${a}`}>
              {t(actionKey(a))}
            </Button>
          ))}
        </Space>
      ) : null}
      <ModerationModal matter={matter} action={action} photos={photos} onClose={() => setAction(null)} onChanged={onChanged} />
    </Card>
  );
}

interface Values {
  reason?: string;
  title?: string;
  description?: string;
  fileId?: string;
}

function bodyOf(action: ModerationAction, v: Values, m: MatterDetailT): MatterModeration {
  const reason = v.reason!.trim();
  switch (action) {
    case 'redact': {
      // Send only what changed: an untouched field keeps its current public text.
      const title = v.title?.trim();
      const description = v.description?.trim();
      return {
        action,
        reason,
        title: title && title !== (m.publicity.title ?? m.title) ? title : undefined,
        description: description && description !== (m.publicity.description ?? m.description) ? description : undefined,
      };
    }
    case 'hide_photo':
      return { action, fileId: v.fileId!, reason };
    default:
      return { action, reason };
  }
}

function ModerationModal({
  matter,
  action,
  photos,
  onClose,
  onChanged,
}: {
  matter: MatterDetailT;
  action: ModerationAction | null;
  photos: MatterDetailT['attachments'];
  onClose: () => void;
  onChanged: (m: MatterDetailT) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    // A rewrite starts from what the public reads now (the moderator's earlier words, or the original).
    form.setFieldsValue({ title: matter.publicity.title ?? matter.title, description: matter.publicity.description ?? matter.description });
  }, [action, matter, form]);

  if (!action) return null;
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api(`/api/matters/${matter.id}/moderation`, { method: 'POST', body: bodyOf(action, v, matter), schema: MatterDetail });
      void message.success(t('matter.actionDone', { action: t(actionKey(action)) }));
      onClose();
      onChanged(next);
    } catch (e) {
      // The server's words: "already hidden", "not a photo of this post", a field that is too long …
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(actionKey(action))}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="s" type="primary" danger={action !== 'unhide'} loading={busy} onClick={() => form.submit()} data-testid="moderation-submit">
          {t(actionKey(action))}
        </Button>,
      ]}
    >
      {error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values> form={form} layout="vertical" data-testid="moderation-form" onFinish={(v) => void submit(v)}>
        {action === 'redact' ? (
          <>
            <Alert type="info" style={{ marginBottom: 12 }} title={t('mod.redactHint')} />
            <Form.Item name="title" label={t('mod.publicTitle')} rules={[{ required: true, whitespace: true }, { min: 2, max: 80 }]}>
              <Input maxLength={80} data-testid="moderation-title" />
            </Form.Item>
            <Form.Item name="description" label={t('mod.publicDescription')} rules={[{ required: true, whitespace: true }, { max: 4000 }]}>
              <Input.TextArea rows={4} maxLength={4000} data-testid="moderation-description" />
            </Form.Item>
          </>
        ) : null}
        {action === 'hide_photo' ? (
          <Form.Item name="fileId" label={t('mod.photo')} rules={[{ required: true, message: t('mod.photoRequired') }]}>
            <Radio.Group data-testid="moderation-photos">
              <Space wrap>
                {photos.map((a) => (
                  <Radio key={a.id} value={a.id} data-testid="moderation-photo">
                    <Image src={a.thumbnailUrl ?? a.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} alt={a.name} />
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('mod.reason')} rules={[{ required: true, whitespace: true, message: t('mod.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="moderation-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
