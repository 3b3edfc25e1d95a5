import { useEffect, useState } from 'react';
import { Alert, Button, Form, List, Progress, Space, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { DuplicateCheckResult, type DuplicateMatch, type DuplicateReason } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT, type TFunction } from '../../i18n';
import { fmtTime, StateTag } from './shared';

/** One reason as a short tag: 同类 · 相距 80 米 · 3 小时前 · 文本相似 0.72. */
function reasonText(t: TFunction, r: DuplicateReason): string {
  const v = r.value ?? 0;
  switch (r.code) {
    case 'same_category':
      return t('dup.reason.same_category');
    case 'same_family':
      return t('dup.reason.same_family');
    case 'distance':
      return t('dup.reason.distance', { m: v });
    case 'same_area':
      return t('dup.reason.same_area');
    case 'hours': {
      const h = Math.abs(v);
      if (h < 1) return t('dup.reason.within_hour');
      const later = v < 0;
      return h >= 48
        ? t(later ? 'dup.reason.days_after' : 'dup.reason.days_before', { d: Math.round(h / 24) })
        : t(later ? 'dup.reason.hours_after' : 'dup.reason.hours_before', { h: Math.round(h) });
    }
    case 'text':
      return t('dup.reason.text', { s: v.toFixed(2) });
  }
}

/** Open matters that may be the same problem, best first, each with its score and why; 并单 when `onMerge` is given. */
export function DuplicateList({ items, onMerge, testid = 'triage-duplicate' }: { items: DuplicateMatch[]; onMerge?: (id: string) => void; testid?: string }) {
  const t = useT();
  return (
    <List
      size="small"
      bordered
      dataSource={items}
      renderItem={(m) => (
        <List.Item
          data-testid={testid}
          data-score={m.score}
          actions={
            onMerge
              ? [
                  <Button key="m" size="small" onClick={() => onMerge(m.id)} data-testid="merge-into">
                    {t('matter.mergeInto')}
                  </Button>,
                ]
              : []
          }
        >
          <Space align="start">
            <Tooltip title={t('dup.scoreHint', { score: Math.round(m.score * 100), s: m.similarity.toFixed(2) })}>
              <Progress type="circle" size={40} percent={Math.round(m.score * 100)} data-testid="duplicate-score" />
            </Tooltip>
            <Space orientation="vertical" size={0}>
              <span>
                <a href={`/matters/${m.id}`} target="_blank" rel="noreferrer">
                  {m.number}
                </a>{' '}
                {m.title} <StateTag state={m.state} />
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.address} · {fmtTime(m.createdAt)}
              </Typography.Text>
              <Space size={2} wrap data-testid="duplicate-reasons">
                {m.reasons.map((r) => (
                  <Tooltip key={r.code} title={r.terms?.length ? r.terms.join(' · ') : undefined}>
                    <Tag color={r.code === 'text' ? 'blue' : undefined}>{reasonText(t, r)}</Tag>
                  </Tooltip>
                ))}
              </Space>
            </Space>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 700;

/**
 * 可能重复 on the report form: once there is some text and a place, the open matters the writer
 * can see that look like it. A hint only: the dispatcher decides about merging at triage.
 */
export function DuplicateHints({ form }: { form: FormInstance }) {
  const t = useT();
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const description = (Form.useWatch('description', form) as string | undefined) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const lon = Form.useWatch('lon', form) as number | null | undefined;
  const lat = Form.useWatch('lat', form) as number | null | undefined;
  const areaCode = ((Form.useWatch('areaCode', form) as string | undefined) ?? '').trim();
  const [found, setFound] = useState<DuplicateMatch[]>([]);
  const hasPoint = typeof lon === 'number' && typeof lat === 'number';
  const enough = (title + description).trim().length >= 4 && (hasPoint || /^\d{6,}$/.test(areaCode));

  useEffect(() => {
    if (!enough) {
      setFound([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api('/api/matters/duplicate-check', {
        method: 'POST',
        body: {
          title: title.slice(0, 80),
          description: description.slice(0, 4000),
          categoryCode: categoryCode || undefined,
          ...(hasPoint ? { lon, lat } : { areaCode }),
        },
        schema: DuplicateCheckResult,
        signal: ctl.signal,
      })
        .then((r) => setFound(r.candidates))
        // A hint: when it cannot be had, the form works as before.
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [enough, title, description, categoryCode, hasPoint, lon, lat, areaCode]);

  if (!enough || found.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="duplicate-hints"
      title={t('dup.hintTitle', { n: found.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('dup.hintDesc')}
          </Typography.Paragraph>
          <DuplicateList items={found} testid="duplicate-hint" />
        </>
      }
    />
  );
}
