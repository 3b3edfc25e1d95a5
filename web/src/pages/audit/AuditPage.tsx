import { useState } from 'react';
import { Button, Card, Col, Form, Input, Row, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { AuditEntry, pageOf, type AuditEntry as AuditEntryT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';

const AuditPageSchema = pageOf(AuditEntry);

interface Filters {
  entity?: string;
  entityId?: string;
}

function Json({ value }: { value: unknown }) {
  return <pre className="fq-json">{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

function AuditInner() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [form] = Form.useForm<Filters>();
  const list = useAsync(
    (signal) => api('/api/audit', { query: { page, pageSize, entity: filters.entity, entityId: filters.entityId }, schema: AuditPageSchema, signal }),
    [page, pageSize, filters],
  );

  return (
    <Card title={t('audit.title')}>
      <Form<Filters>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setPage(1);
          setFilters({ entity: v.entity?.trim() || undefined, entityId: v.entityId?.trim() || undefined });
        }}
      >
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 300 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setPage(1);
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<AuditEntryT>
        rowKey="id"
        size="middle"
        data-testid="audit-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={r.before} />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={r.after} />
              </Col>
            </Row>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'), width: 180 },
          { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), dataIndex: 'entity' },
          { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('audit.requestId'), dataIndex: 'requestId', render: (v: string | null) => <Typography.Text type="secondary">{v ?? '—'}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

export default function AuditPage() {
  return (
    <Guard need="audit.read">
      <AuditInner />
    </Guard>
  );
}
