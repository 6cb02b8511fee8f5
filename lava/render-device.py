# SPDX-License-Identifier: GPL-2.0
# render-device.py JOB.yaml: the device dictionary of the job's device type
# (lava/devices/TYPE-01.jinja2), rendered with the job's context as a LAVA
# server does, on stdout. Runs in lava/run-local's root, beside
# lava-server's device-types.
import os
import sys

import yaml
from jinja2 import FileSystemLoader
from lava_common.jinja import create_device_templates_env

job = yaml.safe_load(open(sys.argv[1]))
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devices")
name = "%s-01.jinja2" % job["device_type"]
if not os.path.exists(os.path.join(here, name)):
    sys.exit("render-device.py: no device of type %s in %s" % (job["device_type"], here))
env = create_device_templates_env(FileSystemLoader(
    [here, "/srv/lava-server/usr/share/lava-server/device-types"]))
out = env.get_template(name).render(**job.get("context", {}))
yaml.safe_load(out)
sys.stdout.write(out)
