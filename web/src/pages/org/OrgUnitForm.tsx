import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { ORG_KINDS, OrgUnit, type OrgKind, type OrgUnit as OrgUnitT, type OrgUnitCreate } from '@fengqiao/shared';
import { api } from '../../api/client';
import { orgKindKey, useT } from '../../i18n';
import { applyFieldErrors, ErrorAlert } from '../../components/common';
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
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      unit
        ? { name: unit.name, kind: unit.kind, areaCode: unit.areaCode, parentId: unit.parentId, categories: unit.categories, phone: unit.phone ?? '' }
        : { name: '', kind: 'center', areaCode: me.scopeArea.code, parentId: null, categories: [], phone: '' },
    );
  }, [open, unit, form, me.scopeArea.code]);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: OrgUnitCreate = {
      name: v.name.trim(),
      kind: v.kind,
      areaCode: v.areaCode.trim(),
      parentId: v.parentId ?? null,
      categories: v.categories ?? [],
      phone: v.phone?.trim() ? v.phone.trim() : null,
    };
    try {
      const saved = unit
        ? await api(`/api/org-units/${unit.id}`, { method: 'PATCH', body, schema: OrgUnit })
        : await api('/api/org-units', { method: 'POST', body, schema: OrgUnit });
      void message.success(unit ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={unit ? t('org.editTitle') : t('org.createTitle')}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="org-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div> : null}
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
    </Drawer>
  );
}
