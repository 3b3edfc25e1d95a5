import { useState } from 'react';
import { DatePicker, Form, Input, Radio, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { z } from 'zod';
import { CalendarDay, type CalendarDay as CalendarDayT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useAsync } from '../../components/common';
import { actionsColumn, AddButton, CatalogueTable, DeleteAction, EditModal, type TabProps } from './shared';

export function CalendarTab({ writable }: TabProps) {
  const t = useT();
  const [year, setYear] = useState(dayjs().year());
  const days = useAsync((signal) => api('/api/calendar', { query: { year }, schema: z.array(CalendarDay), signal }), [year]);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('catalogue.year')}</span>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[-1, 0, 1, 2].map((d) => dayjs().year() + d).map((y) => ({ value: y, label: String(y) }))}
        />
        <AddButton writable={writable} label={t('catalogue.addDay')} testid="calendar-add" onClick={() => setAdding(true)} />
      </Space>
      <CatalogueTable<CalendarDayT>
        state={days}
        rowKey="day"
        pagination={false}
        columns={[
          { title: t('catalogue.day'), dataIndex: 'day', render: (d: string) => `${d}（${dayjs(d).format('dd')}）` },
          {
            title: t('catalogue.kind'),
            dataIndex: 'kind',
            render: (k: CalendarDayT['kind']) => (k === 'holiday' ? <Tag color="red">{t('catalogue.holiday')}</Tag> : <Tag color="blue">{t('catalogue.workday')}</Tag>),
          },
          { title: t('catalogue.dayName'), dataIndex: 'name' },
          ...actionsColumn(t, writable, 90, (r: CalendarDayT) => <DeleteAction path={`/api/calendar/${r.day}`} onDeleted={days.reload} />),
        ]}
      />
      <EditModal<{ day: Dayjs; kind: CalendarDayT['kind']; name: string }>
        open={adding}
        testid="calendar-form"
        title={t('catalogue.addDay')}
        initial={{ kind: 'holiday' }}
        onClose={() => setAdding(false)}
        save={(v) => api(`/api/calendar/${v.day.format('YYYY-MM-DD')}`, { method: 'PUT', body: { kind: v.kind, name: v.name }, schema: CalendarDay })}
        onSaved={() => {
          setAdding(false);
          days.reload();
        }}
      >
        <Form.Item name="day" label={t('catalogue.day')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label={t('catalogue.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('catalogue.holiday') },
              { value: 'workday', label: t('catalogue.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('catalogue.dayName')} rules={[{ required: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
      </EditModal>
    </>
  );
}
