import { useMemo, useState } from 'react';
import { Form, Input, Space, Switch, Tag } from 'antd';
import { Category, type Category as CategoryT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { actionsColumn, AddButton, CatalogueTable, EditModal, useCategoryList, type TabProps } from './shared';

type CatRow = CategoryT & { children?: CatRow[] };

export function CategoriesTab({ writable }: TabProps) {
  const t = useT();
  const { state } = useCategoryList();
  const [editing, setEditing] = useState<{ code?: string; name?: string; active: boolean; parent?: string; isNew: boolean } | null>(null);
  const tree: CatRow[] = useMemo(() => {
    const all = state.data ?? [];
    return all
      .filter((c) => !c.parentCode)
      .map((c) => {
        const kids = all.filter((k) => k.parentCode === c.code);
        return kids.length ? { ...c, children: kids } : { ...c };
      });
  }, [state.data]);

  return (
    <>
      <AddButton
        writable={writable}
        label={t('catalogue.addCategory')}
        testid="category-add"
        style={{ marginBottom: 12 }}
        onClick={() => setEditing({ active: true, isNew: true })}
      />
      <CatalogueTable<CatRow>
        state={state}
        rowKey="code"
        dataSource={tree}
        pagination={false}
        data-testid="category-table"
        columns={[
          { title: t('catalogue.name'), dataIndex: 'name' },
          { title: t('catalogue.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          {
            title: t('catalogue.active'),
            dataIndex: 'active',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">{t('catalogue.active')}</Tag> : <Tag>{t('catalogue.inactive')}</Tag>),
          },
          ...actionsColumn(t, writable, 200, (r: CatRow) => (
            <Space>
              <a onClick={() => setEditing({ code: r.code, name: r.name, active: r.active, isNew: false })}>{t('catalogue.rename')}</a>
              {!r.parentCode ? <a onClick={() => setEditing({ code: `${r.code}.`, active: true, isNew: true, parent: r.code })}>{t('catalogue.addChild')}</a> : null}
            </Space>
          )),
        ]}
      />
      <EditModal<{ code: string; name: string; active: boolean }>
        open={!!editing}
        testid="category-form"
        title={editing?.isNew ? t('catalogue.addCategory') : t('catalogue.rename')}
        initial={{ code: editing?.code ?? '', name: editing?.name ?? '', active: editing?.active ?? true }}
        onClose={() => setEditing(null)}
        save={(v) =>
          api(`/api/categories/${encodeURIComponent((editing?.isNew ? v.code : editing?.code ?? v.code).trim())}`, {
            method: 'PUT',
            body: { name: v.name, active: v.active },
            schema: Category,
          })
        }
        onSaved={() => {
          setEditing(null);
          state.reload();
        }}
      >
        <Form.Item name="code" label={t('catalogue.code')} extra={t('catalogue.codeHint')} rules={[{ required: true, pattern: /^[a-z0-9_]{1,30}(\.[a-z0-9_]{1,30})?$/ }]}>
          <Input disabled={!editing?.isNew} />
        </Form.Item>
        <Form.Item name="name" label={t('catalogue.name')} rules={[{ required: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="active" label={t('catalogue.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </EditModal>
    </>
  );
}
