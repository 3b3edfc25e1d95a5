import { useCallback, useState } from 'react';
import { Button, Form, Space, Table, type TableProps } from 'antd';
import type { z } from 'zod';
import { api } from '../api/client';
import { useT } from '../i18n';
import { ErrorAlert, useAsync, type AsyncState } from './common';

/** Filter values sent as query parameters (empty ones are dropped by `buildUrl`). */
export type FilterValues = Record<string, string | undefined>;

export interface PageOf<T> {
  items: T[];
  total: number;
  /** Set when the server stopped counting: more than `total` match. */
  totalCapped?: boolean;
}

export interface PagedQuery<P> {
  list: AsyncState<P>;
  page: number;
  pageSize: number;
  filters: FilterValues;
  /** Replace the filters and go back to page 1. */
  applyFilters: (f: FilterValues) => void;
  setPaging: (page: number, pageSize: number) => void;
}

/**
 * GET `path?page&pageSize&...fixed&...filters`, re-run whenever paging, filters or `fixed`
 * (parameters the page sets itself, such as a work queue) change.
 */
export function usePagedQuery<P>(path: string, schema: z.ZodType<P>, fixed?: FilterValues): PagedQuery<P> {
  const [filters, setFilters] = useState<FilterValues>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const fixedKey = JSON.stringify(fixed ?? {});
  const list = useAsync((signal) => api(path, { query: { page, pageSize, ...fixed, ...filters }, schema, signal }), [page, pageSize, filters, fixedKey]);
  const applyFilters = useCallback((f: FilterValues) => {
    setPage(1);
    setFilters(f);
  }, []);
  const setPaging = useCallback((p: number, s: number) => {
    setPage(p);
    setPageSize(s);
  }, []);
  return { list, page, pageSize, filters, applyFilters, setPaging };
}

/** Inline filter form with Search / Reset buttons; `normalize` turns raw form values into filters. */
export function FilterForm<F extends FilterValues>({
  query,
  normalize,
  submitTestId,
  children,
}: {
  query: { applyFilters: (f: F) => void };
  normalize: (v: F) => F;
  submitTestId?: string;
  children: React.ReactNode;
}) {
  const t = useT();
  const [form] = Form.useForm<F>();
  return (
    <Form<F> form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => query.applyFilters(normalize(v))}>
      {children}
      <Space>
        <Button type="primary" htmlType="submit" data-testid={submitTestId}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            query.applyFilters({} as F);
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}

/** Trimmed string or undefined when blank. */
export const trimOrUndef = (s: string | undefined): string | undefined => s?.trim() || undefined;

/** Error alert + antd Table wired to a paged query (rows, loading, pagination with total). */
export function PagedTable<T extends object>({
  query,
  ...rest
}: { query: Pick<PagedQuery<PageOf<T>>, 'list' | 'page' | 'pageSize' | 'setPaging'>; 'data-testid'?: string } & Omit<
  TableProps<T>,
  'loading' | 'dataSource' | 'pagination'
>) {
  const t = useT();
  const { list, page, pageSize, setPaging } = query;
  return (
    <>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<T>
        size="middle"
        {...rest}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t(list.data?.totalCapped ? 'common.totalCapped' : 'common.total', { n }),
          onChange: setPaging,
        }}
      />
    </>
  );
}
