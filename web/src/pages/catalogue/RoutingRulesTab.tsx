import { useState } from 'react';
import { Form, Input } from 'antd';
import { z } from 'zod';
import { RoutingRule, type RoutingRule as RoutingRuleT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { CategoryCascader } from '../matters/shared';
import { actionsColumn, AddButton, CatalogueTable, DeleteAction, EditModal, useCategoryList, type TabProps } from './shared';

export function RoutingRulesTab({ writable }: TabProps) {
  const t = useT();
  const { nameOf } = useCategoryList();
  const rules = useAsync((signal) => api('/api/routing-rules', { schema: z.array(RoutingRule), signal }), []);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <AddButton writable={writable} label={t('catalogue.addRule')} testid="routing-add" style={{ marginBottom: 12 }} onClick={() => setAdding(true)} />
      <CatalogueTable<RoutingRuleT>
        state={rules}
        rowKey="id"
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('catalogue.category'), dataIndex: 'categoryCode', render: (c: string) => <span title={c}>{nameOf(c)}</span> },
          { title: t('catalogue.area'), dataIndex: 'areaName', render: (v: string, r) => <span title={r.areaCode}>{v}</span> },
          { title: t('catalogue.unit'), key: 'unit', render: (_: unknown, r) => r.unit.name },
          { title: t('catalogue.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ...actionsColumn(t, writable, 90, (r: RoutingRuleT) => <DeleteAction path={`/api/routing-rules/${r.id}`} onDeleted={rules.reload} />),
        ]}
      />
      <EditModal<{ categoryCode: string; areaCode: string; unitId: string; note?: string }>
        open={adding}
        testid="routing-form"
        title={t('catalogue.addRule')}
        initial={{}}
        onClose={() => setAdding(false)}
        save={(v) =>
          api('/api/routing-rules', {
            method: 'POST',
            body: { categoryCode: v.categoryCode, areaCode: v.areaCode.trim(), unitId: v.unitId, note: v.note?.trim() || undefined },
            schema: RoutingRule,
          })
        }
        onSaved={() => {
          setAdding(false);
          rules.reload();
        }}
      >
        <Form.Item name="categoryCode" label={t('catalogue.category')} rules={[{ required: true }]}>
          <CategoryCascader />
        </Form.Item>
        <Form.Item name="areaCode" label={t('catalogue.areaCode')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="unitId" label={t('catalogue.unit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="note" label={t('catalogue.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </EditModal>
    </>
  );
}
