import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { OrgUnitPage } from '@fengqiao/shared';
import { api } from '../api/client';

interface Props {
  value?: string | null;
  onChange?: (v: string | null) => void;
  /** Label for the current value before the options load. */
  initialLabel?: string | null;
  placeholder?: string;
  testid?: string;
}

/** Remote-search select of organisation units (within the viewer's scope). */
export function UnitSelect({ value, onChange, initialLabel, placeholder, testid }: Props) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const ctl = new AbortController();
    const h = setTimeout(() => {
      setLoading(true);
      api('/api/org-units', { query: { q: q.trim() || undefined, page: 1, pageSize: 50 }, schema: OrgUnitPage, signal: ctl.signal })
        .then((p) => setOptions(p.items.map((u) => ({ value: u.id, label: `${u.name}（${u.areaName}）` }))))
        .catch(() => undefined)
        .finally(() => !ctl.signal.aborted && setLoading(false));
    }, 250);
    return () => {
      clearTimeout(h);
      ctl.abort();
    };
  }, [q]);

  const opts = value && initialLabel && !options.some((o) => o.value === value) ? [{ value, label: initialLabel }, ...options] : options;

  return (
    <Select
      data-testid={testid}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={loading}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={opts}
      placeholder={placeholder}
    />
  );
}
