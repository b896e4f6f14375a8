FROM debian:12
RUN chmod 755 /app && chmod 644 /etc/app.conf
RUN chmod 1777 /tmp/shared
RUN chmod +x /opt/run.sh && chmod u+w /srv
RUN chmod --reference=/etc/passwd /etc/app.conf
COPY --chmod=755 run.sh /opt/run.sh
