#!/usr/bin/env bash
# Template: an rdsim run on YARN (Hadoop 3). Adjust queue, sizes and paths; run from a checkout
# on a gateway host where HADOOP_CONF_DIR points at the cluster's configuration and SPARK_HOME at
# a Spark 4.2 (Scala 2.13) installation.
set -euo pipefail
export HADOOP_CONF_DIR="${HADOOP_CONF_DIR:-/etc/hadoop/conf}"
deploy/bin/rdsim-submit \
  --master yarn --deploy-mode cluster --queue default \
  --num-executors 16 --executor-cores 4 --executor-memory 8g --driver-memory 4g \
  --conf spark.checkpoint.dir=hdfs:///tmp/rdsim-lineage \
  --conf spark.authenticate=true --conf spark.network.crypto.enabled=true --conf spark.io.encryption.enabled=true \
  --files conf/models/front-3d-256.yaml \
  -- run front-3d-256.yaml --block 128 --out hdfs:///results/front-3d-256
# In cluster mode the driver runs in a YARN container: the model travels with --files (or give
# an hdfs:// path), and every output goes to HDFS. After a failure, resubmit the same command
# with --restart hdfs:///results/front-3d-256 in place of --out.
