import { useState } from 'react';
import { Form, InputNumber, Radio, Space } from 'antd';
import { z } from 'zod';
import { DeadlineRule, URGENCIES, type DeadlineRule as DeadlineRuleT, type Urgency } from '@fengqiao/shared';
import { api } from '../../api/client';
import { urgencyKey, useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { CategoryCascader } from '../matters/shared';
import { actionsColumn, AddButton, CatalogueTable, EditModal, useCategoryList, type TabProps } from './shared';

export function DeadlineRulesTab({ writable }: TabProps) {
  const t = useT();
  const { nameOf } = useCategoryList();
  const rules = useAsync((signal) => api('/api/deadline-rules', { schema: z.array(DeadlineRule), signal }), []);
  const [editing, setEditing] = useState<Partial<DeadlineRuleT> | null>(null);
  return (
    <>
      <AddButton
        writable={writable}
        label={t('catalogue.addRule')}
        testid="deadline-add"
        style={{ marginBottom: 12 }}
        onClick={() => setEditing({ urgency: 'normal', acceptHours: 4, handleDays: 5 })}
      />
      <CatalogueTable<DeadlineRuleT>
        state={rules}
        rowKey="id"
        pagination={{ pageSize: 30 }}
        columns={[
          { title: t('catalogue.category'), dataIndex: 'categoryCode', render: (c: string | null) => (c ? nameOf(c) : t('catalogue.defaultCategory')) },
          { title: t('matter.urgency'), dataIndex: 'urgency', render: (u: Urgency) => t(urgencyKey(u)) },
          { title: t('catalogue.acceptHours'), dataIndex: 'acceptHours' },
          { title: t('catalogue.handleDays'), dataIndex: 'handleDays' },
          ...actionsColumn(t, writable, 90, (r: DeadlineRuleT) => <a onClick={() => setEditing(r)}>{t('common.edit')}</a>),
        ]}
      />
      <EditModal<{ categoryCode?: string; urgency: Urgency; acceptHours: number; handleDays: number }>
        open={!!editing}
        testid="deadline-form"
        title={t('catalogue.deadlines')}
        initial={{ categoryCode: editing?.categoryCode ?? undefined, urgency: editing?.urgency, acceptHours: editing?.acceptHours, handleDays: editing?.handleDays }}
        onClose={() => setEditing(null)}
        save={(v) =>
          api('/api/deadline-rules', {
            method: 'PUT',
            body: { categoryCode: v.categoryCode ?? null, urgency: v.urgency, acceptHours: v.acceptHours, handleDays: v.handleDays },
            schema: DeadlineRule,
          })
        }
        onSaved={() => {
          setEditing(null);
          rules.reload();
        }}
      >
        <Form.Item name="categoryCode" label={t('catalogue.category')} extra={t('catalogue.defaultCategory')}>
          <CategoryCascader />
        </Form.Item>
        <Form.Item name="urgency" label={t('matter.urgency')} rules={[{ required: true }]}>
          <Radio.Group options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))} />
        </Form.Item>
        <Space>
          <Form.Item name="acceptHours" label={t('catalogue.acceptHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={240} />
          </Form.Item>
          <Form.Item name="handleDays" label={t('catalogue.handleDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Space>
      </EditModal>
    </>
  );
}
