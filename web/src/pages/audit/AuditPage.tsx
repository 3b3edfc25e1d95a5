import { Card, Col, Form, Input, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { AuditEntry, pageOf, type AuditEntry as AuditEntryT } from '@fengqiao/shared';
import { useT } from '../../i18n';
import { Guard } from '../../components/common';
import { FilterForm, PagedTable, trimOrUndef, usePagedQuery } from '../../components/paged';

const AuditPageSchema = pageOf(AuditEntry);

type Filters = {
  entity?: string;
  entityId?: string;
};

function Json({ value }: { value: unknown }) {
  return <pre className="fq-json">{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

function AuditInner() {
  const t = useT();
  const query = usePagedQuery('/api/audit', AuditPageSchema);

  return (
    <Card title={t('audit.title')}>
      <FilterForm<Filters> query={query} normalize={(v) => ({ entity: trimOrUndef(v.entity), entityId: trimOrUndef(v.entityId) })}>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 300 }} />
        </Form.Item>
      </FilterForm>
      <PagedTable<AuditEntryT>
        query={query}
        rowKey="id"
        data-testid="audit-table"
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
