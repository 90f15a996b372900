"""CDK app: one Atrium stage per synth, chosen with `-c stage=dev|prod`."""

import aws_cdk as cdk

from atrium_stack import build

if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
