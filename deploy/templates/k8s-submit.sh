#!/usr/bin/env bash
# Template: an rdsim run on Kubernetes. Needs an image with Java 17+, Spark 4.2 (Scala 2.13) and
# spark-driver/target/rdsim.jar at /opt/rdsim/rdsim.jar, e.g. built FROM apache/spark:4.2.0 with
#   COPY spark-driver/target/rdsim.jar /opt/rdsim/rdsim.jar
#   COPY conf /opt/rdsim/conf
# and a service account allowed to create pods. Results, checkpoints and the lineage directory
# must live on storage every pod reaches (HDFS, or s3a:// with hadoop-aws in the image).
set -euo pipefail
"$SPARK_HOME/bin/spark-submit" \
  --master "k8s://https://${K8S_API:?set K8S_API to the API server host:port}" --deploy-mode cluster \
  --name rdsim-front-256 \
  --class org.rdsim.spark.cli.Rdsim \
  --conf spark.kubernetes.container.image="${RDSIM_IMAGE:?set RDSIM_IMAGE}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
  --conf spark.executor.instances=16 --conf spark.executor.cores=4 --conf spark.executor.memory=8g \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
  --conf spark.kryo.registrator=org.rdsim.spark.ensemble.RdsimKryoRegistrator \
  --conf spark.kryo.registrationRequired=true \
  --conf spark.authenticate=true --conf spark.network.crypto.enabled=true --conf spark.io.encryption.enabled=true \
  --conf spark.checkpoint.dir=hdfs://namenode:8020/tmp/rdsim-lineage \
  --conf spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=/opt/rdsim/conf/log4j2.properties \
  local:///opt/rdsim/rdsim.jar \
  run /opt/rdsim/conf/models/front-3d-256.yaml --block 128 --out hdfs://namenode:8020/results/front-3d-256
