FROM debian:12
# want
RUN chmod -R 777 /app
# want
RUN mkdir /data && chmod 0666 /data/db
# want
RUN chmod a+rwx /opt/run.sh
# want
RUN chmod go+w,u+x /srv
# want
COPY --chmod=777 run.sh /opt/run.sh
