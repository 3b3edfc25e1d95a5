import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { ORG_KINDS, OrgUnit, type OrgKind, type OrgUnit as OrgUnitT, type OrgUnitCreate } from '@fengqiao/shared';
import { api } from '../../api/client';
import { orgKindKey, useT } from '../../i18n';
import { FormDrawer, useServerFormErrors } from '../../components/forms';
import { UnitSelect } from '../../components/UnitSelect';
import { useMe } from '../../auth';

interface Values {
  name: string;
  kind: OrgKind;
  areaCode: string;
  parentId: string | null;
  categories: string[];
  phone: string;
}

export function OrgUnitForm({ open, unit, onClose, onSaved }: { open: boolean; unit: OrgUnitT | null; onClose: () => void; onSaved: (u: OrgUnitT) => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const server = useServerFormErrors(form);
  const { reset } = server;

  useEffect(() => {
    if (!open) return;
    reset(
      unit
        ? { name: unit.name, kind: unit.kind, areaCode: unit.areaCode, parentId: unit.parentId, categories: unit.categories, phone: unit.phone ?? '' }
        : { name: '', kind: 'center', areaCode: me.scopeArea.code, parentId: null, categories: [], phone: '' },
    );
  }, [open, unit, reset, me.scopeArea.code]);

  const save = (v: Values): Promise<OrgUnitT> => {
    const body: OrgUnitCreate = {
      name: v.name.trim(),
      kind: v.kind,
      areaCode: v.areaCode.trim(),
      parentId: v.parentId ?? null,
      categories: v.categories ?? [],
      phone: v.phone?.trim() ? v.phone.trim() : null,
    };
    return unit
      ? api(`/api/org-units/${unit.id}`, { method: 'PATCH', body, schema: OrgUnit })
      : api('/api/org-units', { method: 'POST', body, schema: OrgUnit });
  };

  const onFinish = (v: Values) => server.submit(() => save(v), unit ? t('common.saved') : t('common.created'), onSaved);

  return (
    <FormDrawer open={open} onClose={onClose} title={unit ? t('org.editTitle') : t('org.createTitle')} form={form} state={server} submitTestId="org-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="org-form">
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(orgKindKey(k)) }))} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('org.areaCode')} rules={[{ required: true }]}>
          <Input data-testid="org-area-code" />
        </Form.Item>
        <Form.Item name="parentId" label={t('org.parent')}>
          <UnitSelect initialLabel={null} />
        </Form.Item>
        <Form.Item name="categories" label={t('org.categories')} extra={t('org.categoriesHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="phone" label={t('org.phone')}>
          <Input />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
