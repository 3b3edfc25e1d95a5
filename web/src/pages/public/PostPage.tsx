import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Switch, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { CategorySuggestions, ContactPhone, MatterDetail, type Attachment, type MatterIntake } from '@fengqiao/shared';
import { api, idempotencyFor } from '../../api/client';
import { useMe } from '../../auth';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../components/common';
import { useServerFormErrors } from '../../components/forms';
import { AreaCascader } from '../../components/AreaCascader';
import { AttachmentUpload } from '../matters/shared';
import { MatterMap } from '../matters/MatterMap';
import { markPublicChanged } from './shared';

interface Draft {
  title?: string;
  description?: string;
  categoryCode?: string;
  attachments?: Attachment[];
  address?: string;
  lon?: number;
  lat?: number;
  areaCode?: string;
  areaName?: string;
  public?: boolean;
  publicAnonymous?: boolean;
  contactPhone?: string;
  /** The key of the last submit: retried with the same content (even after a reload) it returns the matter already made. */
  idemKey?: string;
  /** The body last sent under idemKey: a changed draft gets a new key. */
  idemBody?: string;
}

const draftKey = (userId: string) => `fq.public.draft.${userId}`;

function readDraft(userId: string): Draft {
  try {
    return JSON.parse(localStorage.getItem(draftKey(userId)) ?? '{}') as Draft;
  } catch {
    return {};
  }
}

/** Category chips from POST /api/matters/suggest-category, asked again a moment after typing stops. */
function CategoryChips({ text, value, onChange }: { text: string; value?: string; onChange: (code: string | undefined) => void }) {
  const t = useT();
  const [s, setS] = useState<CategorySuggestions | null>(null);
  useEffect(() => {
    if (text.trim().length < 4) {
      setS(null);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api('/api/matters/suggest-category', { method: 'POST', body: { text: text.slice(0, 4000) }, schema: CategorySuggestions, signal: ctl.signal })
        .then(setS)
        .catch(() => undefined);
    }, 600);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [text]);
  if (!s) return null;
  return (
    <div data-testid="category-suggestions" data-low={s.lowConfidence} style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
        {t('pub.suggestTitle')}
      </Typography.Text>
      <Space wrap size={[4, 8]}>
        {s.suggestions.map((c) => (
          <Tag.CheckableTag key={c.code} checked={value === c.code} onChange={(on) => onChange(on ? c.code : undefined)} data-testid="category-chip" data-code={c.code}>
            {c.name} {Math.round(c.confidence * 100)}%
          </Tag.CheckableTag>
        ))}
        <Tag.CheckableTag checked={!value} onChange={() => onChange(undefined)} data-testid="category-chip-none">
          {t('pub.suggestNone')}
        </Tag.CheckableTag>
      </Space>
      {s.lowConfidence ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }} data-testid="category-low">
          {t('pub.suggestLow')}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * 我要反映: a citizen's own report. Every field, the uploaded files and the map point are kept as a
 * draft in this browser while typing, so a reload or a lost connection loses nothing; the draft
 * goes once the matter is made.
 */
export default function PostPage() {
  const t = useT();
  const me = useMe();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const state = useServerFormErrors(form);
  const [initial] = useState<Draft>(() => {
    const d = readDraft(me.user.id);
    return { public: true, publicAnonymous: false, attachments: [], ...d };
  });
  const [missingPlace, setMissingPlace] = useState(false);
  const userId = me.user.id;
  const saveDraft = () => localStorage.setItem(draftKey(userId), JSON.stringify(form.getFieldsValue(true)));

  const title = Form.useWatch('title', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form);
  const isPublic = Form.useWatch('public', form) ?? true;
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  const areaName = Form.useWatch('areaName', form);
  const point: [number, number] | null = typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;

  const setPlace = (v: Partial<Draft>) => {
    form.setFieldsValue(v);
    setMissingPlace(false);
    saveDraft();
  };
  const locateMe = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPlace({ lon: Number(p.coords.longitude.toFixed(7)), lat: Number(p.coords.latitude.toFixed(7)) }),
      () => void message.warning(t('pub.locateFailed')),
    );

  const onFinish = (v: Draft) => {
    if (typeof v.lon !== 'number' && !v.areaCode) {
      setMissingPlace(true);
      return;
    }
    const body: MatterIntake = {
      channel: 'citizen_online',
      title: v.title!.trim(),
      description: v.description!.trim(),
      categoryCode: v.categoryCode || undefined,
      urgency: 'normal',
      address: v.address!.trim(),
      lon: typeof v.lon === 'number' ? v.lon : undefined,
      lat: typeof v.lat === 'number' ? v.lat : undefined,
      areaCode: v.areaCode || undefined,
      anonymous: false,
      contactPhone: v.contactPhone?.trim() || undefined,
      attachmentIds: (v.attachments ?? []).map((a) => a.id),
      public: !!v.public,
      publicAnonymous: !!v.public && !!v.publicAnonymous,
    };
    // Kept in the draft before sending, so a reload after a lost answer retries under the same key.
    const send = idempotencyFor({ key: v.idemKey, body: v.idemBody }, body);
    form.setFieldsValue({ idemKey: send.key, idemBody: send.body });
    saveDraft();
    void state.submit(
      () => api('/api/matters', { method: 'POST', body, schema: MatterDetail, headers: { 'Idempotency-Key': send.key } }),
      t('pub.posted'),
      (m) => {
        localStorage.removeItem(draftKey(userId));
        markPublicChanged();
        nav(`/public/mine/${m.id}`);
      },
    );
  };

  return (
    <Card title={t('pub.postTitle')} size="small">
      <Form<Draft> form={form} layout="vertical" initialValues={initial} onValuesChange={saveDraft} onFinish={onFinish} data-testid="post-form">
        {(['idemKey', 'idemBody', 'lon', 'lat', 'areaCode', 'areaName', 'categoryCode'] as const).map((n) => (
          <Form.Item key={n} name={n} hidden>
            <Input />
          </Form.Item>
        ))}
        <Form.Item name="title" label={t('matter.title')} rules={[{ required: true, whitespace: true, min: 2, max: 80 }]}>
          <Input maxLength={80} showCount placeholder={t('pub.titleHint')} data-testid="post-title" />
        </Form.Item>
        <Form.Item name="description" label={t('matter.description')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={5} maxLength={4000} placeholder={t('pub.descriptionHint')} data-testid="post-description" />
        </Form.Item>
        <CategoryChips text={`${title}\n${description}`} value={categoryCode} onChange={(c) => setPlace({ categoryCode: c })} />
        <Form.Item name="attachments" label={t('pub.photosLabel')}>
          <AttachmentUpload testid="post-upload" />
        </Form.Item>
        <Form.Item label={t('matter.point')} extra={t('pub.pointHint')} required validateStatus={missingPlace ? 'error' : undefined} help={missingPlace ? t('pub.placeRequired') : undefined}>
          <MatterMap point={point} height={220} testid="post-map" onPick={(x, y) => setPlace({ lon: x, lat: y })} />
          <Space wrap style={{ marginTop: 8 }}>
            <Button size="small" icon={<AimOutlined />} onClick={locateMe}>
              {t('pub.locateMe')}
            </Button>
            {point ? (
              <Tag closable onClose={() => setPlace({ lon: undefined, lat: undefined })} data-testid="post-point">
                {point[0].toFixed(5)}, {point[1].toFixed(5)}
              </Tag>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item label={t('pub.area')} extra={t('pub.areaHint')}>
          <AreaCascader
            placeholder={areaName ?? t('contacts.chooseArea')}
            style={{ width: '100%' }}
            testid="post-area"
            onChange={(code, names) => setPlace({ areaCode: code, areaName: code ? names.join(' / ') : undefined })}
          />
        </Form.Item>
        <Form.Item name="address" label={t('matter.address')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} placeholder={t('pub.addressHint')} data-testid="post-address" />
        </Form.Item>
        <Form.Item name="public" label={t('pub.public')} valuePropName="checked" extra={t(isPublic ? 'pub.publicOn' : 'pub.publicOff')}>
          <Switch data-testid="post-public" />
        </Form.Item>
        {isPublic ? (
          <Form.Item name="publicAnonymous" label={t('pub.showAnonymous')} valuePropName="checked" extra={t('pub.showAnonymousHint')}>
            <Switch data-testid="post-anonymous" />
          </Form.Item>
        ) : null}
        <Form.Item name="contactPhone" label={t('pub.contactPhone')} extra={t('matter.contactPrivate')} rules={[{ validator: (_, v?: string) => (!v?.trim() || ContactPhone.safeParse(v.trim()).success ? Promise.resolve() : Promise.reject(new Error(t('pub.phoneInvalid')))) }]}>
          <Input inputMode="tel" maxLength={20} data-testid="post-phone" />
        </Form.Item>
        {state.error ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={state.error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" block size="large" loading={state.busy} data-testid="post-submit">
          {t('matter.submit')}
        </Button>
      </Form>
    </Card>
  );
}
