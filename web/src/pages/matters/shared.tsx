import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Cascader, Image, Select, Space, Tag, Tooltip, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { z } from 'zod';
import {
  Attachment,
  Category,
  OrgUnitPage,
  type Attachment as AttachmentT,
  type Category as CategoryT,
  type MatterState,
  type Urgency,
  type WarningLevel,
} from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { stateKey, urgencyKey, useT, warningKey } from '../../i18n';
import { errorText } from '../../components/common';

dayjs.extend(relativeTime);

export const fmtTime = (s: string | null | undefined): string => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');
export const fromNow = (s: string | null | undefined): string => (s ? dayjs(s).fromNow() : '');

const STATE_COLOR: Record<MatterState, string> = {
  pending_triage: 'orange',
  dispatched: 'blue',
  handling: 'processing',
  replied: 'cyan',
  closed: 'green',
  rated: 'success',
  voided: 'default',
  withdrawn: 'default',
  merged: 'purple',
};

export function StateTag({ state, testid }: { state: MatterState; testid?: string }) {
  const t = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid={testid} data-state={state}>
      {t(stateKey(state))}
    </Tag>
  );
}

export function WarningTag({ warning }: { warning: WarningLevel }) {
  const t = useT();
  if (warning === 'none') return null;
  return (
    <Tag color={warning === 'red' ? 'red' : 'gold'} data-testid="matter-warning" data-warning={warning}>
      {t(warningKey(warning))}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const t = useT();
  if (urgency === 'normal') return <Tag>{t(urgencyKey(urgency))}</Tag>;
  return <Tag color={urgency === 'critical' ? 'magenta' : 'volcano'}>{t(urgencyKey(urgency))}</Tag>;
}

/** 公开 / 不公开: whether the reporter made the matter public (公开诉求). */
export function PublicTag({ isPublic }: { isPublic: boolean }) {
  const t = useT();
  return (
    <Tag color={isPublic ? 'blue' : 'default'} data-testid="public-tag" data-public={String(isPublic)}>
      {t(isPublic ? 'matter.isPublic' : 'matter.notPublic')}
    </Tag>
  );
}

// ---- Category catalogue (loaded once per page load; admins reload after edits) ----

let categoryCache: Promise<CategoryT[]> | null = null;
export function loadCategories(force = false): Promise<CategoryT[]> {
  if (!categoryCache || force) {
    categoryCache = api('/api/categories', { schema: z.array(Category) }).catch((e: unknown) => {
      categoryCache = null;
      throw e;
    });
  }
  return categoryCache;
}

export function useCategories(): CategoryT[] {
  const { can } = useAuth();
  const [list, setList] = useState<CategoryT[]>([]);
  useEffect(() => {
    if (!can('catalog.read')) return;
    let alive = true;
    loadCategories()
      .then((l) => alive && setList(l))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [can]);
  return list;
}

interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** A category as the pickers need it: the public catalogue carries active ones only, with no `active`. */
type CategoryItem = Pick<CategoryT, 'code' | 'name' | 'parentCode'> & { active?: boolean };

export function categoryOptions(list: CategoryItem[], includeInactive = false): CascaderOption[] {
  const shown = list.filter((c) => includeInactive || c.active !== false);
  return shown
    .filter((c) => !c.parentCode)
    .map((c) => {
      const kids = shown.filter((k) => k.parentCode === c.code).map((k) => ({ value: k.code, label: k.name }));
      return kids.length ? { value: c.code, label: c.name, children: kids } : { value: c.code, label: c.name };
    });
}

interface CategoryPickerProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  testid?: string;
  style?: React.CSSProperties;
  placeholder?: string;
}

/** Two-level category picker over the staff catalogue; value is the category code ("first" or "first.second"). */
export function CategoryCascader(props: CategoryPickerProps) {
  return <CategoryCascaderOf list={useCategories()} {...props} />;
}

/** The same picker over a given list (the public pages read the catalogue without a login). */
export function CategoryCascaderOf({ list, value, onChange, testid, style, placeholder }: CategoryPickerProps & { list: CategoryItem[] }) {
  const options = useMemo(() => categoryOptions(list), [list]);
  const path = value ? (value.includes('.') ? [value.split('.')[0]!, value] : [value]) : undefined;
  return (
    <Cascader
      data-testid={testid}
      style={style ?? { width: '100%' }}
      options={options}
      value={path}
      changeOnSelect
      showSearch
      allowClear
      placeholder={placeholder}
      onChange={(v) => onChange?.(v && v.length ? String(v[v.length - 1]) : undefined)}
    />
  );
}

/** Remote-search select of several organisation units. */
export function UnitsSelect({ value, onChange, testid }: { value?: string[]; onChange?: (v: string[]) => void; testid?: string }) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    const h = setTimeout(() => {
      api('/api/org-units', { query: { q: q.trim() || undefined, page: 1, pageSize: 50 }, schema: OrgUnitPage, signal: ctl.signal })
        .then((p) => setOptions(p.items.map((u) => ({ value: u.id, label: `${u.name}（${u.areaName}）` }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(h);
      ctl.abort();
    };
  }, [q]);
  return (
    <Select
      mode="multiple"
      data-testid={testid}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}

// ---- Attachments ----

const ACCEPT = ['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'application/pdf'];
const MAX_BYTES = 20 * 1024 * 1024;

export function uploadFile(file: File): Promise<AttachmentT> {
  return api('/api/files', { method: 'POST', query: { name: file.name }, rawBody: file, schema: Attachment });
}

/** Upload each chosen file to /api/files at once; the value is the list of uploaded attachments. */
export function AttachmentUpload({
  value,
  onChange,
  testid = 'attachment-upload',
}: {
  value?: AttachmentT[];
  onChange?: (v: AttachmentT[]) => void;
  testid?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const list = value ?? [];
  // Several files finish in any order: append to the latest list, not the one this render saw.
  const valueRef = useRef(list);
  valueRef.current = list;
  return (
    <div data-testid={testid} data-uploaded={list.length} data-busy={busy}>
      <Upload
        multiple
        accept={ACCEPT.join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          if (!ACCEPT.includes(file.type)) {
            void message.error(t('matter.uploadBadType', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_BYTES) {
            void message.error(t('matter.uploadTooBig', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          setBusy((n) => n + 1);
          uploadFile(file as File)
            .then((a) => {
              onSuccess?.(a);
              const next = [...valueRef.current, a].slice(0, 9);
              valueRef.current = next;
              onChange?.(next);
            })
            .catch((e: unknown) => {
              void message.error(errorText(t, e));
              onError?.(e as Error);
            })
            .finally(() => setBusy((n) => n - 1));
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={list.length >= 9}>
          {t('matter.upload')}
        </Button>
      </Upload>
      <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>{t('matter.uploadHint')}</div>
      {list.length ? (
        <div style={{ marginTop: 8 }}>
          <AttachmentList items={list} onRemove={(id) => onChange?.(list.filter((a) => a.id !== id))} />
        </div>
      ) : null}
    </div>
  );
}

/** Thumbnails for images (click to open), file links for the rest. */
export function AttachmentList({ items, onRemove }: { items: Pick<AttachmentT, 'id' | 'name' | 'mime' | 'url' | 'thumbnailUrl'>[]; onRemove?: (id: string) => void }) {
  const t = useT();
  return (
    <Space wrap size={8}>
      {items.map((a) =>
        a.thumbnailUrl ? (
          <Space key={a.id} orientation="vertical" size={0} style={{ alignItems: 'center' }}>
            <a href={a.url} target="_blank" rel="noreferrer" title={a.name} data-testid="attachment-thumb">
              <Image src={a.thumbnailUrl} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} alt={a.name} />
            </a>
            {onRemove ? (
              <Button size="small" type="link" onClick={() => onRemove(a.id)}>
                ×
              </Button>
            ) : null}
          </Space>
        ) : (
          <Space key={a.id} size={2}>
            <Tooltip title={t('matter.openFile')}>
              <a href={a.url} target="_blank" rel="noreferrer" data-testid="attachment-file">
                <PaperClipOutlined /> {a.name}
              </a>
            </Tooltip>
            {onRemove ? (
              <Button size="small" type="link" onClick={() => onRemove(a.id)}>
                ×
              </Button>
            ) : null}
          </Space>
        ),
      )}
    </Space>
  );
}

/** Attachment ids from a timeline entry, as links to the file and its thumbnail. */
/** The attachments a timeline entry names, as the server described them. */
export function attachmentRefs(ids: string[], known: AttachmentT[]): AttachmentT[] {
  return ids.flatMap((id) => known.filter((a) => a.id === id));
}
