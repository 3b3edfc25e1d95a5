import { Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { MATTER_STATES, PublicCategory, PublicMatterPage, type MatterState, type PublicMatterListItem } from '@fengqiao/shared';
import { api } from '../../api/client';
import { stateKey, useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { AreaCascader } from '../../components/AreaCascader';
import { CategoryCascaderOf } from '../matters/shared';
import { LoadMoreList, PublicMatterCard, publicCache, useLoadMore } from './shared';

/** 作废 and 并单 matters never reach the feed: no point filtering by them. */
const FEED_STATES = MATTER_STATES.filter((s) => s !== 'voided' && s !== 'merged');
const SORTS = ['newest', 'most_followed'] as const;
type Sort = (typeof SORTS)[number];

/**
 * 诉求广场: the public feed. Every filter lives in the URL query (q, area, cat, state, sort), so a
 * filtered feed is a link one can share; `areaName` only labels the chosen area for the reader.
 */
export default function FeedPage() {
  const t = useT();
  // The public catalogue (active categories, no login): everyone may narrow the feed by category.
  const categories = useAsync(
    (signal) => api('/api/public/categories', { schema: z.array(PublicCategory), signal, noAuthRedirect: true, cache: publicCache() }),
    [],
  );
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const sort: Sort = get('sort') === 'most_followed' ? 'most_followed' : 'newest';
  const query = { q: get('q'), areaCode: get('area'), categoryCode: get('cat'), state: get('state'), sort };
  const list = useLoadMore<PublicMatterListItem>('/api/public/matters', PublicMatterPage, query, (m) => m.number);

  return (
    <div data-testid="public-feed">
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        <Input.Search
          key={get('q') ?? ''}
          defaultValue={get('q')}
          allowClear
          maxLength={40}
          placeholder={t('pub.searchPlaceholder')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="feed-search"
        />
        <AreaCascader
          placeholder={get('areaName') ?? t('pub.filterArea')}
          style={{ width: '100%' }}
          testid="feed-area"
          onChange={(code, names) => set({ area: code, areaName: code ? names.join(' / ') : undefined })}
        />
        {get('area') ? (
          <Tag closable onClose={() => set({ area: undefined, areaName: undefined })} data-testid="feed-area-tag">
            {get('areaName') ?? get('area')}
          </Tag>
        ) : null}
        <Space.Compact style={{ width: '100%' }}>
          <CategoryCascaderOf
            list={categories.data ?? []}
            value={get('cat')}
            onChange={(c) => set({ cat: c })}
            placeholder={t('pub.filterCategory')}
            style={{ width: '50%' }}
            testid="feed-category"
          />
          <Select<MatterState>
            allowClear
            style={{ width: '50%' }}
            placeholder={t('pub.filterState')}
            value={get('state') as MatterState | undefined}
            onChange={(s) => set({ state: s })}
            options={FEED_STATES.map((s) => ({ value: s, label: t(stateKey(s)) }))}
            data-testid="feed-state"
          />
        </Space.Compact>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Segmented<Sort>
            value={sort}
            onChange={(s) => set({ sort: s === 'newest' ? undefined : s })}
            options={SORTS.map((s) => ({ value: s, label: <span data-testid={`feed-sort-${s}`}>{t(`pub.sort.${s}`)}</span> }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="feed-total">
            {list.total ? t('common.total', { n: list.total }) : null}
          </Typography.Text>
        </Space>
      </Space>
      <LoadMoreList list={list} testid="feed-list" empty={t('pub.feedEmpty')} render={(m) => <PublicMatterCard key={m.number} m={m} />} />
    </div>
  );
}
