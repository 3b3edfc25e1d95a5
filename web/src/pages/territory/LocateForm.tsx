import { useState } from 'react';
import { Alert, Button, Form, InputNumber } from 'antd';
import { Link } from 'react-router';
import { ResolveResult } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../components/common';

interface Values {
  lon: number;
  lat: number;
}

export function LocateForm({ initial, onPoint }: { initial: [number, number] | null; onPoint: (p: [number, number] | null) => void }) {
  const t = useT();
  const [result, setResult] = useState<ResolveResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api('/api/areas/resolve', { query: { lon: v.lon, lat: v.lat }, schema: ResolveResult });
      setResult(r);
      onPoint([v.lon, v.lat]);
    } catch (e) {
      setError(e);
      onPoint(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form<Values>
        layout="inline"
        onFinish={onFinish}
        initialValues={initial ? { lon: Number(initial[0].toFixed(6)), lat: Number(initial[1].toFixed(6)) } : undefined}
        data-testid="locate-form"
      >
        <Form.Item name="lon" label={t('area.lon')} rules={[{ required: true }]}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: 140 }} data-testid="locate-lon" />
        </Form.Item>
        <Form.Item name="lat" label={t('area.lat')} rules={[{ required: true }]}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: 140 }} data-testid="locate-lat" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="locate-submit">
          {t('area.locateSubmit')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }} data-testid="locate-result">
        {error ? <ErrorAlert error={error} /> : null}
        {result ? (
          result.grid ? (
            <Alert
              type="success"
              showIcon
              title={
                <Link to={`/areas/${result.grid.code}`}>{t('area.locateFound', { name: result.grid.name, code: result.grid.code })}</Link>
              }
              description={result.ancestors.map((a) => a.name).join(' / ') || undefined}
            />
          ) : (
            <Alert type="warning" showIcon title={t('area.locateOutside')} />
          )
        ) : null}
      </div>
    </>
  );
}
