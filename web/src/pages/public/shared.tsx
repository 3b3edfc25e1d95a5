import { useEffect, useState } from 'react';
import { Button, Card, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, PictureOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { PublicMatterListItem, Rating } from '@fengqiao/shared';
import { api } from '../../api/client';
import { ratingKey, useT } from '../../i18n';
import { ErrorAlert, useAsync } from '../../components/common';
import type { FilterValues, PageOf } from '../../components/paged';
import { fmtTime, StateTag } from '../matters/shared';

/**
 * The public answers may be kept 30 s by the browser (Cache-Control max-age). For 30 s after this
 * browser changed something public itself (a post, a follow, a rating) they are revalidated instead,
 * so one sees one's own change; the moment is kept for the tab, so a reload revalidates too.
 */
const CHANGED_KEY = 'fq.public.changedAt';
export const markPublicChanged = (): void => sessionStorage.setItem(CHANGED_KEY, String(Date.now()));
export const changedRecently = (): boolean => Date.now() - Number(sessionStorage.getItem(CHANGED_KEY) ?? 0) < 30_000;
export const publicCache = (): RequestCache => (changedRecently() ? 'no-cache' : 'default');

export interface LoadMore<T> {
  items: T[];
  total: number;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A list read page by page and shown as one growing list ("load more", the phone way).
 * Changing `query` starts again from page 1; `keyOf` drops an item a later page repeats (new posts
 * shift the pages while one reads).
 */
export function useLoadMore<T>(path: string, schema: z.ZodType<PageOf<T>>, query: FilterValues, keyOf: (item: T) => string, pageSize = 10): LoadMore<T> {
  const key = `${path}?${JSON.stringify(query)}`;
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const res = useAsync(
    (signal) => api(path, { query: { ...query, page, pageSize }, schema, signal, noAuthRedirect: true, cache: publicCache() }),
    [key, page],
  );
  const [acc, setAcc] = useState<{ key: string; items: T[]; total: number }>({ key, items: [], total: 0 });
  useEffect(() => {
    const data = res.data;
    if (!data) return;
    setAcc((prev) => {
      if (page === 1 || prev.key !== key) return { key, items: data.items, total: data.total };
      const seen = new Set(prev.items.map(keyOf));
      return { key, items: [...prev.items, ...data.items.filter((i) => !seen.has(keyOf(i)))], total: data.total };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [res.data]);
  const items = acc.key === key ? acc.items : [];
  const total = acc.key === key ? acc.total : 0;
  return {
    items,
    total,
    loading: res.loading,
    error: res.error,
    hasMore: items.length < total,
    loadMore: () => setPaging({ key, page: page + 1 }),
  };
}

/** The list's items through `render`, then a spinner, the error, "nothing yet" or the "load more" button. */
export function LoadMoreList<T>({ list, render, empty, testid }: { list: LoadMore<T>; render: (item: T) => React.ReactNode; empty: string; testid: string }) {
  const t = useT();
  return (
    <div data-testid={testid} data-count={list.items.length}>
      {list.items.map(render)}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.loading ? <Spin style={{ display: 'block', margin: 16 }} /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <Empty description={empty} /> : null}
      {list.hasMore && !list.loading ? (
        <Button block onClick={list.loadMore} data-testid={`${testid}-more`}>
          {t('pub.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

export function RatingTag({ rating }: { rating: Rating | null }) {
  const t = useT();
  if (!rating) return null;
  return (
    <Tag color={rating === 'unsatisfied' ? 'red' : 'green'} data-testid="rating-tag" data-rating={rating}>
      {t(ratingKey(rating))}
    </Tag>
  );
}

/** One post in the feed (or a followed post): tapping it opens its public page. */
export function PublicMatterCard({ m }: { m: PublicMatterListItem }) {
  return (
    <Link to={`/public/matters/${m.number}`} style={{ display: 'block', marginBottom: 12, color: 'inherit' }} data-testid="public-card" data-number={m.number}>
      <Card size="small" hoverable>
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <StateTag state={m.state} />
          <RatingTag rating={m.rating} />
          {m.categoryName ? <Tag>{m.categoryName}</Tag> : null}
        </Space>
        <Typography.Title level={5} style={{ margin: '0 0 4px' }} data-testid="public-card-title">
          {m.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ marginBottom: 6 }} data-testid="public-card-description">
          {m.description}
        </Typography.Paragraph>
        <PostMeta m={m} />
      </Card>
    </Link>
  );
}

/** Where, who, when, how many follow, how many photos: one small grey line. */
export function PostMeta({ m }: { m: PublicMatterListItem }) {
  const t = useT();
  return (
    <Space wrap size={[12, 0]} style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>
      <span>{m.areaName}</span>
      <span data-testid="public-reporter">{m.reporter}</span>
      <span>{fmtTime(m.createdAt)}</span>
      <span title={t('pub.followers')} data-testid="public-followers">
        <EyeOutlined /> {m.followerCount}
      </span>
      {m.photoCount ? (
        <span title={t('pub.photos')}>
          <PictureOutlined /> {m.photoCount}
        </span>
      ) : null}
    </Space>
  );
}

/** A step of a matter's handling as the citizen sees it, from the public page or the own-matter page. */
export interface Step {
  key: string | number;
  at: string;
  /** The action code (data-action) and its words. */
  action: string;
  label: string;
  /** An official reply: shown highlighted. */
  reply?: string | null;
  /** Other text of the step (a follow-up, a reason). */
  note?: string | null;
  rating?: Rating | null;
}

/** Oldest step first, official replies in a highlighted box. */
export function StepTimeline({ steps }: { steps: Step[] }) {
  const t = useT();
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="public-timeline"
      items={steps.map((s) => ({
        key: s.key,
        color: s.reply ? 'green' : s.action === 'reopened' ? 'red' : 'blue',
        content: (
          <div data-testid="public-step" data-action={s.action}>
            <div>
              <b>{s.label}</b> <RatingTag rating={s.rating ?? null} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtTime(s.at)}
            </Typography.Text>
            {s.reply ? (
              <div data-testid="official-reply" style={{ marginTop: 6, padding: '8px 10px', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6, whiteSpace: 'pre-wrap' }}>
                <Typography.Text strong style={{ color: '#389e0d' }}>
                  {t('pub.officialReply')}
                </Typography.Text>
                <div>{s.reply}</div>
              </div>
            ) : null}
            {s.note ? <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{s.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
