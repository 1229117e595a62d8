"""The camera values now live in claims (0003); their old columns go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('devices', '0006_camera_values_become_claims'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='cameramodule',
            name='aperture',
        ),
        migrations.RemoveField(
            model_name='cameramodule',
            name='confidence',
        ),
        migrations.RemoveField(
            model_name='cameramodule',
            name='megapixels',
        ),
        migrations.RemoveField(
            model_name='cameramodule',
            name='optical_zoom',
        ),
        migrations.RemoveField(
            model_name='cameramodule',
            name='sensor',
        ),
        migrations.RemoveField(
            model_name='cameramodule',
            name='source',
        ),
    ]
